import { Module, OnModuleInit } from '@nestjs/common';
import { RegistryValidationError, ResourceRegistry } from '../../resources';
import { graphDatabaseProblems } from '../../resources/sections/graphs.section';
import { builtInExecutor, getExecutorToken } from '../../scheduler/executor.interface';
import { DatabasesModule } from '../databases/databases.module';
import { GraphActionsController } from './graph-actions.controller';
import { GraphActionsExecutor } from './graph-actions.executor';
import { GraphOperationsExecutor } from './graph-operations.executor';
import { GraphRunner } from './graph-runner';
import { GraphsController } from './graphs.controller';
import { GraphsDispatchService } from './graphs-dispatch.service';

/**
 * The graph namespaces: operations (`POST /graphs/dispatch`) and named actions
 * (`POST /graphs/actions/dispatch`) on the registry's graphs, kept by the built-in SQL graph store in a
 * registry database (through the pools of DatabasesModule). A host app plugs in another graph database
 * (Neo4j…) with `{ provide: getExecutorToken('graph-operations'), useClass: … }` and the same for
 * 'graph-actions'; the store's tables are created on first use, so a replaced executor creates none.
 */
@Module({
  imports: [DatabasesModule],
  controllers: [GraphsController, GraphActionsController],
  providers: [
    GraphsDispatchService,
    GraphRunner,
    builtInExecutor('graph-operations', GraphOperationsExecutor),
    builtInExecutor('graph-actions', GraphActionsExecutor),
  ],
  exports: [getExecutorToken('graph-operations'), getExecutorToken('graph-actions')],
})
export class GraphsModule implements OnModuleInit {
  constructor(private readonly registry: ResourceRegistry) {}

  /** Stops start-up on a graph whose `database` is not a database of its product, naming the key. */
  onModuleInit(): void {
    const problems = graphDatabaseProblems(this.registry);
    if (problems.length > 0) throw RegistryValidationError.fromProblems(problems);
  }
}
