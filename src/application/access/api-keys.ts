import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes: long enough that a plain SHA-256 digest is a safe way to keep them. */
export const generateApiKey = (): string => `rsl_${randomBytes(32).toString('base64url')}`;

export const digestApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');
