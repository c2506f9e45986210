// gRPC server reflection (grpcurl, grpcui) for the admin API. ts-proto output carries no file
// descriptors, so reflection loads the same .proto files again with proto-loader: the caller
// passes the proto root (the repo's proto/ directory), which keeps the hot path from guessing
// where the sources live at run time. grpc.health.v1 comes from grpc-health-check's own copy.
import type { Server } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { protoPath as healthProtoPath } from 'grpc-health-check';
import { AdminError, AdminErrorCode } from './admin-error.ts';

export const ADMIN_PROTO_FILE = 'ringside/admin/v1/admin.proto';

export function addAdminReflection(server: Server, protoDir: string): void {
  let definition;
  try {
    definition = loadSync([ADMIN_PROTO_FILE, healthProtoPath], { includeDirs: [protoDir] });
  } catch (err) {
    throw new AdminError(AdminErrorCode.BAD_CONFIG, `cannot load ${ADMIN_PROTO_FILE} from ${protoDir}`, {
      cause: err,
    });
  }
  new ReflectionService(definition).addToServer(server);
}
