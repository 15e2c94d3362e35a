/**
 * The usage window's Content Security Policy: only the app's own scripts and styles, no inline
 * script, no remote code, no network from the page (data arrives over IPC). The same policy is
 * in src-renderer/index.html; a test keeps the two identical.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
