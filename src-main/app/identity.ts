/**
 * Who the app is to the OS: electron-builder's appId (electron-builder.yml) and the Windows
 * AppUserModelID the shell registers, which must be the same for notifications to carry the
 * app's name and icon (a test compares them).
 */
export const APP_ID = 'app.cloudmeter.desktop';
export const PRODUCT_NAME = 'Cloudmeter';
