import { Module, OnModuleInit } from '@nestjs/common';
import { RegistryValidationError, ResourceRegistry } from '../../resources';
import { databaseActionProblems, ResolvedDatabase } from '../../resources/sections/databases.section';
import { builtInExecutor, getExecutorToken } from '../../scheduler/executor.interface';
import { ActionRunner } from './actions/action-runner';
import { DatabaseConnections } from './connections/database-connections';
import { DatabaseActionsController } from './database-actions.controller';
import { DatabaseActionsDispatchService } from './database-actions-dispatch.service';
import { DatabaseActionsExecutor } from './database-actions.executor';
import { DatabaseOperationsController } from './database-operations.controller';
import { DatabaseOperationsDispatchService } from './database-operations-dispatch.service';
import { DatabaseOperationsExecutor } from './database-operations.executor';
import { OperationRunner } from './operations/operation-runner';
import { SchemaCatalog } from './schema/schema-catalog';

/**
 * The database namespaces: operations (`POST /databases/dispatch`) and named actions
 * (`POST /databases/actions/dispatch`) on the registry's MySQL, MariaDB and Postgres databases. A host
 * app replaces either executor with `{ provide: getExecutorToken('database-operations'), useClass: … }`;
 * pools open on first use, so a replaced executor opens none. Exports `DatabaseConnections`, the pools
 * that the SQL graph store shares.
 */
@Module({
  controllers: [DatabaseOperationsController, DatabaseActionsController],
  providers: [
    DatabaseConnections,
    SchemaCatalog,
    OperationRunner,
    ActionRunner,
    DatabaseOperationsDispatchService,
    DatabaseActionsDispatchService,
    builtInExecutor('database-operations', DatabaseOperationsExecutor),
    builtInExecutor('database-actions', DatabaseActionsExecutor),
  ],
  exports: [DatabaseConnections, getExecutorToken('database-operations'), getExecutorToken('database-actions')],
})
export class DatabasesModule implements OnModuleInit {
  constructor(private readonly registry: ResourceRegistry) {}

  /** Stops start-up on an action the section schema cannot judge alone, naming its key. */
  onModuleInit(): void {
    const seen = new Set<string>();
    const problems = this.registry.products().flatMap((product) =>
      this.registry.envs(product).flatMap((env) =>
        Object.keys(this.registry.section(product, 'databases')).flatMap((name) =>
          databaseActionProblems(product, name, this.registry.entry<ResolvedDatabase>(product, env, 'databases', name)),
        ),
      ),
    );
    // Every env repeats the problems of values that do not differ per env.
    const unique = problems.filter((problem) => {
      const key = `${problem.path}\n${problem.message}`;
      return !seen.has(key) && Boolean(seen.add(key));
    });
    if (unique.length > 0) throw RegistryValidationError.fromProblems(unique);
  }
}
