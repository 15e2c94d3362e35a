/**
 * Memset authenticates with HTTP Basic: the API key is the user name and the password may be
 * anything (https://www.memset.com/apidocs/intro.html). The key could also go in an `api_key`
 * parameter, but then it would sit in URLs and logs, so Cloudmeter always uses the header.
 */
const PASSWORD = 'x';

/** A key that could not be a Basic user name (a colon ends the user name; no controls). */
export function isUsableApiKey(apiKey: string): boolean {
  return /^[\x21-\x39\x3b-\x7e]+$/.test(apiKey);
}

/** `Basic base64("<apiKey>:x")`; call isUsableApiKey first. */
export function basicAuthorization(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:${PASSWORD}`, 'latin1').toString('base64')}`;
}
