/**
 * TOTP (RFC 6238) through otpauth: SHA-1, 6 digits, 30-second steps, a window of ±1 step. The caller
 * keeps the last step accepted so that no code is taken twice. Recovery codes are ten random groups of
 * base-32 letters, kept only as HMAC-SHA-256 under the secret key (outside the database).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { renderSVG } from 'uqr';

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = '蓝天 Lantian';

function totpOf(secretBase32: string, label = 'lantian'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** A new 160-bit secret, base-32 (as authenticator apps take it by hand). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The step (counter) of a moment. */
export function stepAt(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step a code belongs to, within ±1 step of `nowMs`, or null when it matches none. The code
 * must be six digits (spaces allowed, as apps show "123 456").
 */
export function matchTotp(secretBase32: string, code: string, nowMs: number): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secretBase32).validate({ token, timestamp: nowMs, window: TOTP_WINDOW });
  return delta === null ? null : stepAt(nowMs) + delta;
}

/** The otpauth:// address an app enrols from, and its QR code as SVG. */
export function enrolmentOf(secretBase32: string, username: string): { uri: string; qrSvg: string } {
  const uri = totpOf(secretBase32, username).toString();
  return { uri, qrSvg: renderSVG(uri, { border: 2, pixelSize: 6, ecc: 'M' }) };
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Ten codes like `K7QM-X2PA-9RTE` (60 bits each). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(12);
    const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
  });
}

/** Whether what was typed looks like a recovery code rather than a TOTP code. */
export function looksLikeRecoveryCode(input: string): boolean {
  return normaliseRecoveryCode(input).length === 12;
}

function normaliseRecoveryCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '');
}

/** The stored form of a recovery code: HMAC-SHA-256 under the secret key, of the code without dashes. */
export function recoveryCodeHash(key: Buffer, code: string): string {
  return createHmac('sha256', key).update(normaliseRecoveryCode(code)).digest('hex');
}
