import type { AccessKey } from '@flexmeasures/contracts';
import { SetMetadata } from '@nestjs/common';

export const ACCESS_METADATA = 'flexmeasures:access';

/** Names the endpoint's row in ACCESS_TABLE; an endpoint without one is refused. */
export const Access = (key: AccessKey) => SetMetadata(ACCESS_METADATA, key);
