import { createHash } from 'node:crypto';

/**
 * UCloud/SurferCloud request signing (https://www.surfercloud.com/docs/api/summary/signature,
 * ucloud-sdk-go `ucloud/auth/signature.go`): every parameter except `Signature`, sorted by
 * key, concatenated as key + value with no separators and no URL-escaping, the private key
 * appended, then the lower-case hex SHA1 of that string. Plain SHA1, not HMAC.
 *
 * The values are signed raw and URL-encoded only when sent, and the request carries exactly
 * the strings that were signed: a value written one way when signing and another way on the
 * wire (`true` vs `True`) is the classic cause of RetCode 171.
 */
export type ParamValue =
  string | number | boolean | readonly ParamValue[] | { readonly [key: string]: ParamValue };

export type ParamInput = Readonly<Record<string, ParamValue | undefined>>;

/**
 * A number as the SDKs write it: integral floats keep only the integer part (42.0 → "42"),
 * never scientific notation.
 */
function numberText(value: number, key: string): string {
  if (!Number.isFinite(value)) throw new RangeError(`parameter ${key} is not a finite number`);
  if (Number.isInteger(value)) return BigInt(value).toString();
  const text = String(value);
  const [mantissa = text, exponent] = text.split('e');
  if (exponent === undefined) return text;
  // Only magnitudes below 1e-6 reach here (non-integers ≥ 1e21 do not exist).
  const decimals = (mantissa.split('.')[1] ?? '').length - Number(exponent);
  return value.toFixed(Math.min(100, decimals));
}

function flattenInto(out: Record<string, string>, key: string, value: ParamValue): void {
  if (typeof value === 'string') out[key] = value;
  else if (typeof value === 'boolean') out[key] = value ? 'true' : 'false';
  else if (typeof value === 'number') out[key] = numberText(value, key);
  else if (Array.isArray(value)) {
    // Arrays become Key.0, Key.1... (Go SDK `encodeMapToForm`): separate keys in the sort.
    (value as readonly ParamValue[]).forEach((item, i) => flattenInto(out, `${key}.${i}`, item));
  } else {
    for (const [name, item] of Object.entries(value)) flattenInto(out, `${key}.${name}`, item);
  }
}

/** The request's parameters as the strings that are both signed and sent; undefined ones dropped. */
export function flattenParams(params: ParamInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) flattenInto(out, key, value);
  }
  return out;
}

/**
 * Ascending byte order of the keys (Go `sort.Strings`). UTF-16 code-unit order equals UTF-8
 * byte order for every character below U+E000, which covers the ASCII parameter names.
 */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The string that is hashed: sorted key+value pairs, then the private key. */
export function stringToSign(params: Readonly<Record<string, string>>, privateKey: string): string {
  const keys = Object.keys(params)
    .filter((key) => key !== 'Signature')
    .sort(byteOrder);
  return keys.map((key) => `${key}${params[key]}`).join('') + privateKey;
}

/** The `Signature` parameter for already flattened params (which must include PublicKey). */
export function signatureFor(params: Readonly<Record<string, string>>, privateKey: string): string {
  return createHash('sha1').update(stringToSign(params, privateKey), 'utf8').digest('hex');
}

/** Flattens, adds PublicKey, signs: the complete parameter set to send. */
export function signParams(
  params: ParamInput,
  keys: { readonly publicKey: string; readonly privateKey: string },
): Record<string, string> {
  const flat = flattenParams({ ...params, PublicKey: keys.publicKey });
  return { ...flat, Signature: signatureFor(flat, keys.privateKey) };
}

/** `application/x-www-form-urlencoded` body of signed params: encoding happens only here. */
export function formBody(params: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(params)).toString();
}
