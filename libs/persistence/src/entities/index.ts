import { LatestTaskRunEntity } from './latest-task-run.entity';
import { RoleEntity } from './role.entity';
import { UserEntity } from './user.entity';

export { LatestTaskRunEntity, RoleEntity, UserEntity };

export const ENTITIES = [LatestTaskRunEntity, RoleEntity, UserEntity];
