import { MigrationInterface, QueryRunner } from 'typeorm';

/** Users, roles (the seed's USEF roles plus admin) and the link between them. */
export class UsersAndRoles1764374500000 implements MigrationInterface {
  name = 'UsersAndRoles1764374500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE role (
        id serial PRIMARY KEY,
        name varchar(80) NOT NULL UNIQUE,
        description varchar(255)
      )`);
    await queryRunner.query(`
      CREATE TABLE fm_user (
        id serial PRIMARY KEY,
        email varchar(255) NOT NULL,
        username varchar(255) NOT NULL,
        password varchar(255) NOT NULL,
        timezone varchar(255),
        active boolean NOT NULL DEFAULT true,
        last_login_at timestamptz,
        login_count integer NOT NULL DEFAULT 0,
        fs_uniquifier varchar(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Emails are unique whatever their case.
    await queryRunner.query('CREATE UNIQUE INDEX fm_user_email_lower_key ON fm_user (lower(email))');
    await queryRunner.query(`
      CREATE TABLE roles_users (
        user_id integer NOT NULL REFERENCES fm_user (id) ON DELETE CASCADE,
        role_id integer NOT NULL REFERENCES role (id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, role_id)
      )`);
    await queryRunner.query(`
      INSERT INTO role (name, description) VALUES
        ('admin', 'Manages users, assets and the platform'),
        ('Prosumer', 'Owns assets (USEF)'),
        ('Supplier', 'Energy retailer (USEF)'),
        ('Aggregator', 'Aggregates flexibility (USEF)'),
        ('ESCo', 'Energy service company (USEF)'),
        ('MDC', 'Meter data company (USEF)'),
        ('DSO', 'Distribution system operator (USEF)'),
        ('anonymous', 'Public access')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE roles_users');
    await queryRunner.query('DROP TABLE fm_user');
    await queryRunner.query('DROP TABLE role');
  }
}
