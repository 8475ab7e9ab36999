import { Controller, Get, INestApplication, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Column, Entity, PrimaryGeneratedColumn, Repository } from 'typeorm';
import {
  DispatchModule,
  DispatchService,
  ExecutionContext,
  FeatureHandler,
  getExecutorToken,
  JobExecutor,
  ResourceRegistry,
} from '../src';
import { createValidationPipe } from '../src/common/validation';
import { clearPrefix, connectRedis, createDatabase, dropDatabase, MYSQL_ROOT_URL } from './support/services';
import { TargetServer } from './support/target-server';
import { testConfig } from './support/test-app';
import { waitFor } from './support/wait-for';

/** The host's own table, on the host's own (default) TypeORM connection. */
@Entity('notes')
class Note {
  @PrimaryGeneratedColumn() id: number;
  @Column() text: string;
}

@Controller('host/notes')
class NotesController {
  constructor(@InjectRepository(Note) private readonly notes: Repository<Note>) {}

  @Get()
  list(): Promise<Note[]> {
    return this.notes.find();
  }
}

/** The host's storage: replaces the built-in executor by providing its token. */
@Injectable()
class MemoryStorage implements JobExecutor {
  readonly calls: Array<{ event: string; input: unknown }> = [];

  async execute(ctx: ExecutionContext): Promise<unknown> {
    this.calls.push({ event: ctx.job.event, input: ctx.input });
    return { kept: 'in memory' };
  }
}

@Injectable()
class Reports {
  constructor(@InjectRepository(Note) private readonly notes: Repository<Note>) {}

  @FeatureHandler('generate_daily_report')
  async daily(input: { day: string }): Promise<unknown> {
    return { day: input.day, notes: await this.notes.count() };
  }
}

/** Something of the host that dispatches from code. */
@Injectable()
class Onboarding {
  constructor(private readonly dispatch: DispatchService) {}

  welcome(userId: string) {
    return this.dispatch.dispatch('actions', { env: 'prd', product: 'shop', app: 'mailer', event: 'send_welcome_email', input: { body: { userId } } });
  }
}

const HOST_DB = 'dispatch_test_library_host';

describe('Dispatch inside a host Nest app', () => {
  const target = new TargetServer();
  const config = testConfig('library');
  let root: string;
  let app: INestApplication;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'dispatch-library-'));
    const baseUrl = await target.start();
    const registry = ResourceRegistry.fromObject(
      {
        products: {
          shop: {
            envs: ['prd'],
            apps: { mailer: { base_url: baseUrl, actions: { send_welcome_email: { method: 'POST', path: '/emails/welcome' } } } },
            storage: { files: { type: 'local', root } },
          },
        },
      },
      {},
    );
    await createDatabase(HOST_DB);
    await dropDatabase('dispatch_test_library');
    const redis = await connectRedis();
    await clearPrefix(redis, config.queuePrefix);
    redis.disconnect();

    @Module({
      imports: [
        TypeOrmModule.forRoot({ type: 'mariadb', url: `${MYSQL_ROOT_URL}/${HOST_DB}`, entities: [Note], synchronize: true }),
        TypeOrmModule.forFeature([Note]),
        DispatchModule.forRootAsync({ useFactory: async () => ({ config, registry }) }),
      ],
      controllers: [NotesController],
      providers: [Reports, Onboarding, MemoryStorage, { provide: getExecutorToken('storage'), useExisting: MemoryStorage }],
    })
    class HostModule {}

    const moduleRef = await Test.createTestingModule({ imports: [HostModule] }).setLogger(false as never).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalPipes(createValidationPipe());
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    const redis = await connectRedis();
    await clearPrefix(redis, config.queuePrefix);
    redis.disconnect();
    await target.stop();
    await dropDatabase(HOST_DB);
    rmSync(root, { recursive: true, force: true });
  });

  const job = async (id: string) => (await request(app.getHttpServer()).get(`/jobs/${id}`).expect(200)).body;
  const finished = (id: string) => waitFor(async () => ((await job(id)).status === 'completed' ? job(id) : null), 15_000);

  it("serves the host's routes on its own connection beside ours", async () => {
    await app.get<Repository<Note>>('NoteRepository').save({ text: 'kept by the host' });
    const notes = await request(app.getHttpServer()).get('/host/notes').expect(200);
    expect(notes.body).toEqual([{ id: 1, text: 'kept by the host' }]);
  });

  it('dispatches from code through the injected DispatchService, and runs the job', async () => {
    const result = await app.get(Onboarding).welcome('user_7');
    expect(result).toMatchObject({ job_id: expect.any(String), status: 'queued' });
    await finished(result.job_id);
    expect(target.requests('POST', '/emails/welcome').map((r) => r.body)).toEqual([{ userId: 'user_7' }]);
  });

  it('validates a body from code as the REST endpoint does', async () => {
    const dispatch = app.get(DispatchService);
    await expect(dispatch.dispatch('actions', { env: 'prd', product: 'shop', app: 'mailer', event: 'send_welcome_email', input: {}, retries: 99 })).rejects.toThrow(
      'retries must not be greater than 50',
    );
    await expect(dispatch.dispatch('actions', { env: 'prd', product: 'shop', app: 'mailer', event: 'nope', input: {} })).rejects.toThrow("'nope'");
  });

  it("runs storage jobs with the host's executor instead of the built-in one", async () => {
    const res = await request(app.getHttpServer())
      .post('/storage/dispatch')
      .send({ env: 'prd', product: 'shop', storage: 'files', event: 'delete', input: { fileName: 'old/report.csv' } })
      .expect(201);
    const done = await finished(res.body.job_id);
    expect(done.status).toBe('completed');
    expect(app.get(MemoryStorage).calls).toEqual([{ event: 'delete', input: { fileName: 'old/report.csv' } }]);
    expect(readdirSync(root)).toEqual([]);
  });

  it("runs a feature with the host's @FeatureHandler", async () => {
    const res = await request(app.getHttpServer())
      .post('/features/dispatch')
      .send({ env: 'prd', product: 'shop', tag: 'generate_daily_report', input: { day: '2030-01-15' } })
      .expect(201);
    await finished(res.body.job_id);
    const runs = await request(app.getHttpServer()).get(`/jobs/${res.body.job_id}/runs`).expect(200);
    expect(runs.body.items[0]).toMatchObject({ status: 'completed', result: { day: '2030-01-15', notes: 1 } });
  });
});
