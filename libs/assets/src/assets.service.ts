import { AssetFields, checkAssetChanges, checkNewAsset, DomainError } from '@flexmeasures/domain';
import { DataSource } from 'typeorm';
import { AssetRecord, AssetsRepository } from './assets.repository';
import { STORAGE_ASSET_TYPES } from './structure';

/** Who is asking: admins see and change every asset, others only their own. */
export interface Caller {
  readonly id: number;
  readonly isAdmin: boolean;
}

/** The rules of assets, shared by the api and the CLI. */
export class AssetsService {
  readonly assets: AssetsRepository;

  constructor(private readonly dataSource: DataSource) {
    this.assets = new AssetsRepository(dataSource);
  }

  async list(caller: Caller, ownerId?: number): Promise<AssetRecord[]> {
    if (!caller.isAdmin && ownerId !== undefined && ownerId !== caller.id) {
      throw new DomainError('INVALID_SENDER', 'You may only list your own assets.');
    }
    return this.assets.list(caller.isAdmin ? ownerId : caller.id);
  }

  async get(caller: Caller, id: number): Promise<AssetRecord> {
    const asset = await this.assets.findById(id);
    if (!asset) throw new DomainError('NOT_FOUND', `No asset with id ${id}.`);
    if (!caller.isAdmin && asset.owner !== caller.id) throw new DomainError('INVALID_SENDER', 'This asset belongs to another user.');
    return asset;
  }

  async create(body: Record<string, unknown>): Promise<AssetRecord> {
    const { fields, problems } = checkNewAsset(body, STORAGE_ASSET_TYPES);
    await this.checkReferences(fields, problems);
    if (fields.name && !problems.name && (await this.assets.nameTaken(fields.name))) problems.name = 'is already used by another asset';
    throwIfAny(problems);
    return this.assets.create(fields as AssetFields);
  }

  async update(caller: Caller, id: number, body: Record<string, unknown>): Promise<AssetRecord> {
    const current = await this.get(caller, id);
    // Only admins hand assets to other owners; for others the field is ignored, like id.
    const allowed = caller.isAdmin ? body : Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'owner'));
    const { fields, problems } = checkAssetChanges(allowed, current);
    await this.checkReferences(fields, problems);
    if (fields.name && !problems.name && (await this.assets.nameTaken(fields.name, id))) problems.name = 'is already used by another asset';
    throwIfAny(problems);
    return this.assets.update(id, fields);
  }

  async delete(caller: Caller, id: number): Promise<void> {
    await this.get(caller, id);
    await this.assets.delete(id);
  }

  private async checkReferences(fields: Partial<AssetFields>, problems: Record<string, string>): Promise<void> {
    const q = (sql: string, value: unknown) => this.dataSource.query(sql, [value]).then((rows: unknown[]) => rows.length > 0);
    if (fields.asset_type !== undefined && !problems.asset_type && !(await q('SELECT 1 FROM asset_type WHERE name = $1', fields.asset_type))) {
      problems.asset_type = `"${fields.asset_type}" is not a known asset type (run flexmeasures add structure)`;
    }
    if (fields.market !== undefined && !problems.market && !(await q('SELECT 1 FROM market WHERE id = $1', fields.market))) {
      problems.market = `there is no market with id ${fields.market}`;
    }
    if (fields.owner !== undefined && !problems.owner && !(await q('SELECT 1 FROM fm_user WHERE id = $1', fields.owner))) {
      problems.owner = `there is no user with id ${fields.owner}`;
    }
  }
}

function throwIfAny(problems: Record<string, string>): void {
  if (Object.keys(problems).length === 0) return;
  throw new DomainError('UNPROCESSABLE_ENTITY', `Invalid asset: ${Object.entries(problems).map(([f, p]) => `${f} ${p}`).join('; ')}.`, {
    errors: Object.fromEntries(Object.entries(problems).map(([f, p]) => [f, [p]])),
  });
}
