import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateJobs1795000000000 implements MigrationInterface {
  name = 'CreateJobs1795000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`jobs\` (
        \`id\` char(36) NOT NULL,
        \`namespace\` varchar(32) NOT NULL,
        \`env\` varchar(64) NOT NULL,
        \`product\` varchar(128) NOT NULL,
        \`target\` varchar(128) NOT NULL,
        \`event\` varchar(128) NOT NULL,
        \`input\` json NOT NULL,
        \`retries\` int NOT NULL DEFAULT 0,
        \`schedule\` json NOT NULL,
        \`recurring\` tinyint NOT NULL DEFAULT 0,
        \`tz\` varchar(64) NULL,
        \`status\` varchar(16) NOT NULL,
        \`occurrence\` int NOT NULL DEFAULT 0,
        \`run_count\` int NOT NULL DEFAULT 0,
        \`failure_count\` int NOT NULL DEFAULT 0,
        \`next_run_at\` datetime(3) NULL,
        \`last_run_at\` datetime(3) NULL,
        \`last_error\` text NULL,
        \`cache\` varchar(128) NULL,
        \`session_tag\` varchar(128) NULL,
        \`session_data\` text NULL,
        \`created_at\` datetime(3) NOT NULL,
        \`updated_at\` datetime(3) NOT NULL,
        \`cancelled_at\` datetime(3) NULL,
        \`version\` int NOT NULL DEFAULT 1,
        INDEX \`idx_jobs_status_next_run\` (\`status\`, \`next_run_at\`),
        INDEX \`idx_jobs_namespace_status\` (\`namespace\`, \`status\`),
        INDEX \`idx_jobs_product_env_status\` (\`product\`, \`env\`, \`status\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE \`job_runs\` (
        \`id\` char(36) NOT NULL,
        \`job_id\` char(36) NOT NULL,
        \`occurrence\` int NOT NULL,
        \`attempt\` int NOT NULL,
        \`status\` varchar(16) NOT NULL,
        \`will_retry\` tinyint NOT NULL DEFAULT 0,
        \`started_at\` datetime(3) NOT NULL,
        \`finished_at\` datetime(3) NULL,
        \`duration_ms\` int NULL,
        \`result\` json NULL,
        \`error\` text NULL,
        UNIQUE INDEX \`uq_job_runs_occurrence_attempt\` (\`job_id\`, \`occurrence\`, \`attempt\`),
        INDEX \`idx_job_runs_started_at\` (\`started_at\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE \`idempotency_keys\` (
        \`scope\` varchar(64) NOT NULL,
        \`idempotency_key\` varchar(255) NOT NULL,
        \`request_hash\` char(64) NOT NULL,
        \`job_id\` char(36) NOT NULL,
        \`response\` json NOT NULL,
        \`created_at\` datetime(3) NOT NULL,
        INDEX \`idx_idempotency_keys_created_at\` (\`created_at\`),
        PRIMARY KEY (\`scope\`, \`idempotency_key\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `idempotency_keys`');
    await queryRunner.query('DROP TABLE `job_runs`');
    await queryRunner.query('DROP TABLE `jobs`');
  }
}
