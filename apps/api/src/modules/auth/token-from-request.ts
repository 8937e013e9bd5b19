import type { Request } from 'express';

/** The token from the configured header, bare (as the seed shows) or as "Bearer <token>". */
export function tokenFromRequest(headerName: string) {
  return (request: Request): string | null => {
    const value = request.header(headerName)?.trim();
    if (!value) return null;
    return value.replace(/^Bearer\s+/i, '') || null;
  };
}
