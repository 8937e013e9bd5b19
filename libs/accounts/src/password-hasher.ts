import { hash, verify } from '@node-rs/bcrypt';
import { createHmac } from 'node:crypto';

/** bcrypt, with the pepper (SECURITY_PASSWORD_SALT) mixed in before hashing. */
export class PasswordHasher {
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly pepper: string,
    private readonly cost: number,
  ) {
    // Compared against when an email is unknown, so both answers take as long.
    this.dummyHash = hash(this.peppered('not-a-real-password'), cost);
  }

  hash(password: string): Promise<string> {
    return hash(this.peppered(password), this.cost);
  }

  async verify(password: string, passwordHash: string | undefined): Promise<boolean> {
    const target = passwordHash ?? (await this.dummyHash);
    const matches = await verify(this.peppered(password), target).catch(() => false);
    return matches && passwordHash !== undefined;
  }

  // bcrypt reads at most 72 bytes; an HMAC keeps long passwords and the pepper within that.
  private peppered(password: string): string {
    return createHmac('sha256', this.pepper).update(password).digest('base64');
  }
}
