import type { PlatformConfig } from '@flexmeasures/config';
import { DomainError, passwordWeakness } from '@flexmeasures/domain';
import { UserChanges, UserEntity, UsersRepository } from '@flexmeasures/persistence';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Mailer } from './mail/mailer';
import { PasswordHasher } from './password-hasher';
import { AccessTokenClaims, issueAccessToken, issueResetToken, issueSessionToken, readAccessToken, readResetToken, resetStamp, tokenStamp } from './tokens';

export interface NewAccount {
  readonly email: string;
  readonly username: string;
  readonly password: string;
  readonly roles: readonly string[];
  readonly timezone?: string;
}

/** Fields a user may change on their own account; admins may change every field but the id. */
const SELF_EDITABLE = ['username', 'timezone'] as const;
const ADMIN_EDITABLE = ['email', 'username', 'timezone', 'active', 'roles'] as const;
/** Security-sensitive: a user who sends another value for one of these on their own account is refused, not ignored. */
const ADMIN_ONLY = ['email', 'active', 'roles'] as const;

export type AccountChanges = UserChanges;

export const TOKEN_EXPIRED = 'The token has expired; request a new one with POST /api/requestAuthToken.';
export const TOKEN_INVALID = 'The token is not valid; request one with POST /api/requestAuthToken.';

const ROLE_NAME = /^[A-Za-z][\w-]{0,79}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const newUserSecret = () => randomBytes(32).toString('base64url');

/**
 * Users, passwords and tokens: the rules live here, shared by the api and
 * the CLI. Errors are DomainErrors with the seed's status names.
 */
export class AccountsService {
  readonly users: UsersRepository;
  private readonly hasher: PasswordHasher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: PlatformConfig,
    private readonly mailer: Mailer,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.users = new UsersRepository(dataSource);
    this.hasher = new PasswordHasher(config.security.passwordSalt, config.security.passwordHashCost);
  }

  async createUser(account: NewAccount): Promise<UserEntity> {
    const email = account.email.trim();
    const problems: Record<string, string> = {};
    if (!EMAIL.test(email)) problems.email = 'is not an email address';
    if (!account.username.trim()) problems.username = 'must not be empty';
    if (account.timezone !== undefined && !isTimezone(account.timezone)) problems.timezone = `"${account.timezone}" is not an IANA time zone`;
    const weakness = passwordWeakness(account.password, { email, username: account.username });
    if (weakness) problems.password = weakness;
    if (account.roles.some((role) => !ROLE_NAME.test(role))) problems.roles = 'role names are letters, digits, - and _';
    if (Object.keys(problems).length > 0) throw invalid(problems);
    if (await this.users.findByEmail(email)) throw invalid({ email: 'is already used by another user' });
    return this.users.create({
      email,
      username: account.username.trim(),
      passwordHash: await this.hasher.hash(account.password),
      timezone: account.timezone ?? null,
      roles: account.roles,
      fsUniquifier: newUserSecret(),
    });
  }

  /** Checks the credentials and returns a fresh token. Unknown email and wrong password get the same answer. */
  async requestToken(email: string, password: string): Promise<{ token: string; user: UserEntity }> {
    const { user, userSecret } = await this.logIn(email, password);
    const token = issueAccessToken(this.config.security.secretKey, user.id, userSecret, this.config.security.tokenMaxAgeSeconds);
    return { token, user };
  }

  /**
   * A dashboard login: the same checks and answers as requestToken, but a
   * session token (for the session cookie) valid for FLEXMEASURES_SESSION_MAX_AGE.
   * The user comes back with this login counted.
   */
  async startSession(email: string, password: string): Promise<{ token: string; user: UserEntity }> {
    const { user, userSecret } = await this.logIn(email, password);
    const token = issueSessionToken(this.config.security.secretKey, user.id, userSecret, this.config.security.sessionMaxAgeSeconds);
    return { token, user: await this.getUser(user.id) };
  }

  /** A fresh API token for a user who is already authenticated (the account page), without the password. */
  async tokenFor(user: UserEntity): Promise<string> {
    const secrets = await this.users.secretsOf(user.id);
    if (!secrets || !user.active) throw new DomainError('UNAUTHORIZED', 'The token has been revoked (password reset or deactivation); request a new one.');
    return issueAccessToken(this.config.security.secretKey, user.id, secrets.fsUniquifier, this.config.security.tokenMaxAgeSeconds);
  }

  /** Unknown email and wrong password get the same answer; a deactivated account is refused. Counts the login. */
  private async logIn(email: string, password: string): Promise<{ user: UserEntity; userSecret: string }> {
    const user = await this.users.findByEmail(email.trim());
    const secrets = user ? await this.users.secretsOf(user.id) : null;
    const matches = await this.hasher.verify(password, secrets?.passwordHash);
    if (!user || !secrets || !matches) {
      throw new DomainError('UNAUTHORIZED', 'Unknown email or wrong password.');
    }
    if (!user.active) throw new DomainError('INVALID_SENDER', 'This account is deactivated; ask an administrator to activate it.');
    await this.users.recordLogin(user.id, this.now());
    return { user, userSecret: secrets.fsUniquifier };
  }

  /** The user a token belongs to, if the token is valid, current and the user active. */
  async userForToken(token: string): Promise<UserEntity> {
    const claims = readAccessToken(this.config.security.secretKey, token);
    if (claims === 'expired') throw new DomainError('UNAUTHORIZED', TOKEN_EXPIRED);
    if (claims === 'invalid') throw new DomainError('UNAUTHORIZED', TOKEN_INVALID);
    return this.userForClaims(claims);
  }

  /** The user of a verified token's claims, unless the token was revoked or the user deactivated. */
  async userForClaims(claims: AccessTokenClaims): Promise<UserEntity> {
    const found = Number.isInteger(claims.userId) ? await this.users.findWithSecrets(claims.userId) : null;
    if (!found || tokenStamp(this.config.security.secretKey, found.fsUniquifier) !== claims.stamp || !found.user.active) {
      throw new DomainError('UNAUTHORIZED', 'The token has been revoked (password reset or deactivation); request a new one.');
    }
    return found.user;
  }

  listUsers(includeInactive: boolean): Promise<UserEntity[]> {
    return this.users.list(includeInactive);
  }

  async getUser(id: number): Promise<UserEntity> {
    const user = await this.users.findById(id);
    if (!user) throw new DomainError('NOT_FOUND', `No user with id ${id}.`);
    return user;
  }

  /**
   * Applies the fields the caller may change and ignores the rest (as the
   * seed says), except that a non-admin changing their own email, active or
   * roles is refused. Deactivating a user revokes their tokens and sessions.
   */
  async updateUser(id: number, changes: Record<string, unknown>, byAdmin: boolean): Promise<UserEntity> {
    const user = await this.getUser(id);
    if (!byAdmin) {
      const refused = ADMIN_ONLY.filter((field) => field in changes && !unchanged(user, field, changes[field]));
      if (refused.length > 0) {
        throw new DomainError('INVALID_SENDER', `Only administrators may change ${refused.join(', ')}; you may change your username and timezone.`);
      }
    }
    const allowed: readonly string[] = byAdmin ? ADMIN_EDITABLE : SELF_EDITABLE;
    const patch: { -readonly [K in keyof AccountChanges]: AccountChanges[K] } = {};
    const problems: Record<string, string> = {};
    for (const [field, value] of Object.entries(changes)) {
      if (!allowed.includes(field)) continue;
      switch (field) {
        case 'email':
          if (typeof value !== 'string' || !EMAIL.test(value.trim())) problems.email = 'is not an email address';
          else patch.email = value.trim();
          break;
        case 'username':
          if (typeof value !== 'string' || !value.trim()) problems.username = 'must be a non-empty string';
          else patch.username = value.trim();
          break;
        case 'timezone':
          if (typeof value !== 'string' || !isTimezone(value)) problems.timezone = 'is not an IANA time zone such as Europe/Amsterdam';
          else patch.timezone = value;
          break;
        case 'active':
          if (typeof value !== 'boolean') problems.active = 'must be true or false';
          else patch.active = value;
          break;
        case 'roles':
          if (!Array.isArray(value) || value.some((role) => typeof role !== 'string' || !ROLE_NAME.test(role))) {
            problems.roles = 'must be a list of role names (letters, digits, - and _)';
          } else patch.roles = value as string[];
          break;
      }
    }
    if (Object.keys(problems).length > 0) throw invalid(problems);
    if (patch.email && patch.email.toLowerCase() !== user.email.toLowerCase()) {
      const other = await this.users.findByEmail(patch.email);
      if (other && other.id !== id) throw invalid({ email: 'is already used by another user' });
    }
    const updated = (await this.users.update(id, patch)) as UserEntity;
    if (patch.active === false && user.active) await this.users.setSecrets(id, { fsUniquifier: newUserSecret() });
    return updated;
  }

  /**
   * The admin's reset: a random password, every token revoked, and a mail
   * with a link to choose a new password.
   */
  async resetPassword(id: number): Promise<void> {
    const user = await this.getUser(id);
    const passwordHash = await this.hasher.hash(randomBytes(24).toString('base64url'));
    const fsUniquifier = newUserSecret();
    await this.users.setSecrets(id, { passwordHash, fsUniquifier });
    await this.mailResetLink(user, passwordHash, fsUniquifier, 'An administrator reset your password');
  }

  /** "Forgot password": mails a link if the account exists and is active; says nothing either way. */
  async requestPasswordReset(email: string): Promise<void> {
    const user = await this.users.findByEmail(email.trim());
    if (!user || !user.active) return;
    const secrets = await this.users.secretsOf(user.id);
    if (secrets) await this.mailResetLink(user, secrets.passwordHash, secrets.fsUniquifier, 'You asked to reset your password');
  }

  /** Sets a new password with a reset link's token; the link then stops working and old tokens are revoked. */
  async resetPasswordWithToken(token: string, newPassword: string): Promise<UserEntity> {
    const claims = readResetToken(this.config.security.secretKey, token);
    if (claims === 'expired') throw new DomainError('INVALID_RESET_TOKEN', 'This reset link has expired; ask for a new one.');
    if (claims === 'invalid') throw new DomainError('INVALID_RESET_TOKEN', 'This reset link is not valid.');
    const user = await this.users.findById(claims.userId);
    const secrets = user ? await this.users.secretsOf(user.id) : null;
    if (!user || !secrets || resetStamp(this.config.security.secretKey, secrets.passwordHash, secrets.fsUniquifier) !== claims.stamp) {
      throw new DomainError('INVALID_RESET_TOKEN', 'This reset link has been used already; ask for a new one.');
    }
    const weakness = passwordWeakness(newPassword, { email: user.email, username: user.username });
    if (weakness) throw invalid({ password: weakness });
    await this.users.setSecrets(user.id, { passwordHash: await this.hasher.hash(newPassword), fsUniquifier: newUserSecret() });
    return user;
  }

  /** Sets a password directly (CLI); revokes the user's tokens. */
  async setPassword(id: number, newPassword: string): Promise<void> {
    const user = await this.getUser(id);
    const weakness = passwordWeakness(newPassword, { email: user.email, username: user.username });
    if (weakness) throw invalid({ password: weakness });
    await this.users.setSecrets(id, { passwordHash: await this.hasher.hash(newPassword), fsUniquifier: newUserSecret() });
  }

  /**
   * The user with their assets and data, in one transaction: the assets'
   * sensors (every belief about them, whoever the source) and the data
   * source that stands for the user (every belief they posted).
   */
  async deleteUser(id: number): Promise<void> {
    const deleted = await this.dataSource.transaction(async (manager) => {
      // Foreign keys would remove the asset rows only, leaving their sensors and beliefs behind.
      await manager.query(`DELETE FROM sensor WHERE kind = 'asset' AND id IN (SELECT id FROM asset WHERE owner_id = $1)`, [id]);
      return this.users.delete(id, manager);
    });
    if (!deleted) throw new DomainError('NOT_FOUND', `No user with id ${id}.`);
  }

  private async mailResetLink(user: UserEntity, passwordHash: string, fsUniquifier: string, reason: string): Promise<void> {
    const stamp = resetStamp(this.config.security.secretKey, passwordHash, fsUniquifier);
    const token = issueResetToken(this.config.security.secretKey, user.id, stamp, this.config.security.resetPasswordWithinMs);
    const link = `${this.config.http.baseUrl}/reset-password?token=${encodeURIComponent(token)}`;
    const hours = Math.round(this.config.security.resetPasswordWithinMs / 3_600_000);
    await this.mailer.send({
      to: user.email,
      subject: `${this.config.ui.platformName}: choose a new password`,
      text:
        `Hello ${user.username},\n\n${reason} on ${this.config.ui.platformName}.\n` +
        `Choose a new password here (the link works once, for ${hours} hour${hours === 1 ? '' : 's'}):\n\n${link}\n\n` +
        'If you did not expect this, tell your platform administrator.\n',
    });
  }
}

function invalid(fields: Record<string, string>): DomainError {
  const message = Object.entries(fields)
    .map(([field, problem]) => `${field} ${problem}`)
    .join('; ');
  return new DomainError('UNPROCESSABLE_ENTITY', `Invalid input: ${message}.`, {
    errors: Object.fromEntries(Object.entries(fields).map(([field, problem]) => [field, [problem]])),
  });
}

/** Whether a sent value of an admin-only field equals what the user has (forms may send a field back unchanged). */
function unchanged(user: UserEntity, field: (typeof ADMIN_ONLY)[number], value: unknown): boolean {
  switch (field) {
    case 'email':
      return typeof value === 'string' && value.trim().toLowerCase() === user.email.toLowerCase();
    case 'active':
      return value === user.active;
    case 'roles': {
      const current = user.roles.map((role) => role.name).sort();
      return Array.isArray(value) && [...new Set(value)].sort().join('\n') === current.join('\n');
    }
  }
}

function isTimezone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}
