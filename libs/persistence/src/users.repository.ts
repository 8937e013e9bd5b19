import { DataSource, EntityManager, In } from 'typeorm';
import { RoleEntity, UserEntity } from './entities';

export interface NewUser {
  readonly email: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly timezone: string | null;
  readonly roles: readonly string[];
  readonly fsUniquifier: string;
}

export type UserChanges = Partial<Pick<UserEntity, 'email' | 'username' | 'timezone' | 'active'>> & {
  readonly roles?: readonly string[];
};

/** Users and their roles. Emails compare case-insensitively. */
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findById(id: number, manager?: EntityManager): Promise<UserEntity | null> {
    return this.manager(manager).findOne(UserEntity, { where: { id } });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.manager(manager)
      .createQueryBuilder(UserEntity, 'user')
      .leftJoinAndSelect('user.roles', 'role')
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }

  /** The secret columns (password hash, token stamp) that normal reads leave out. */
  async secretsOf(id: number, manager?: EntityManager): Promise<{ passwordHash: string; fsUniquifier: string } | null> {
    const row = await this.manager(manager)
      .createQueryBuilder(UserEntity, 'user')
      .select(['user.id', 'user.password', 'user.fsUniquifier'])
      .where('user.id = :id', { id })
      .getOne();
    return row ? { passwordHash: row.password, fsUniquifier: row.fsUniquifier } : null;
  }

  /** One query for authentication: the user, their roles and the secret columns. */
  async findWithSecrets(id: number): Promise<{ user: UserEntity; passwordHash: string; fsUniquifier: string } | null> {
    const user = await this.dataSource.manager
      .createQueryBuilder(UserEntity, 'user')
      .leftJoinAndSelect('user.roles', 'role')
      .addSelect(['user.password', 'user.fsUniquifier'])
      .where('user.id = :id', { id })
      .getOne();
    if (!user) return null;
    const secrets = { passwordHash: user.password, fsUniquifier: user.fsUniquifier };
    // The entity travels on (e.g. as the request's user): it carries no secret.
    delete (user as Partial<UserEntity>).password;
    delete (user as Partial<UserEntity>).fsUniquifier;
    return { user, ...secrets };
  }

  list(includeInactive: boolean): Promise<UserEntity[]> {
    return this.dataSource.manager.find(UserEntity, {
      where: includeInactive ? {} : { active: true },
      order: { id: 'ASC' },
    });
  }

  async create(user: NewUser, manager?: EntityManager): Promise<UserEntity> {
    const em = this.manager(manager);
    const roles = await this.rolesNamed(user.roles, em);
    const entity = em.create(UserEntity, {
      email: user.email,
      username: user.username,
      password: user.passwordHash,
      timezone: user.timezone,
      fsUniquifier: user.fsUniquifier,
      roles,
    });
    const saved = await em.save(entity);
    return (await this.findById(saved.id, em)) as UserEntity;
  }

  async update(id: number, changes: UserChanges, manager?: EntityManager): Promise<UserEntity | null> {
    const em = this.manager(manager);
    const user = await this.findById(id, em);
    if (!user) return null;
    const { roles, ...fields } = changes;
    Object.assign(user, fields);
    if (roles) user.roles = await this.rolesNamed(roles, em);
    await em.save(user);
    return this.findById(id, em);
  }

  async setSecrets(id: number, secrets: { passwordHash?: string; fsUniquifier: string }, manager?: EntityManager): Promise<void> {
    await this.manager(manager).update(UserEntity, { id }, {
      ...(secrets.passwordHash ? { password: secrets.passwordHash } : {}),
      fsUniquifier: secrets.fsUniquifier,
    });
  }

  async recordLogin(id: number, at: Date): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(UserEntity)
      .set({ lastLoginAt: at, loginCount: () => 'login_count + 1' })
      .where('id = :id', { id })
      .execute();
  }

  async delete(id: number, manager?: EntityManager): Promise<boolean> {
    const result = await this.manager(manager).delete(UserEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  /** Roles by name, creating any the platform does not know yet (the CLI may add roles). */
  async rolesNamed(names: readonly string[], manager?: EntityManager): Promise<RoleEntity[]> {
    const em = this.manager(manager);
    const unique = [...new Set(names)];
    if (unique.length === 0) return [];
    await em
      .createQueryBuilder()
      .insert()
      .into(RoleEntity)
      .values(unique.map((name) => ({ name })))
      .orIgnore()
      .execute();
    return em.find(RoleEntity, { where: { name: In(unique) }, order: { id: 'ASC' } });
  }

  allRoles(): Promise<RoleEntity[]> {
    return this.dataSource.manager.find(RoleEntity, { order: { id: 'ASC' } });
  }
}
