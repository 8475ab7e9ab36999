import { MigrationInterface, QueryRunner } from 'typeorm';

/** The staging area of the storage namespace: upload bytes wait here, not in the job row or Redis. */
export class CreateStorageUploads1795000000001 implements MigrationInterface {
  name = 'CreateStorageUploads1795000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`storage_uploads\` (
        \`id\` char(36) NOT NULL,
        \`job_id\` char(36) NULL,
        \`size\` bigint NOT NULL,
        \`sha256\` char(64) NOT NULL,
        \`created_at\` datetime(3) NOT NULL,
        \`uploaded_at\` datetime(3) NULL,
        INDEX \`idx_storage_uploads_job\` (\`job_id\`),
        INDEX \`idx_storage_uploads_created_at\` (\`created_at\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await queryRunner.query(`
      CREATE TABLE \`storage_upload_parts\` (
        \`upload_id\` char(36) NOT NULL,
        \`part\` int NOT NULL,
        \`bytes\` mediumblob NOT NULL,
        PRIMARY KEY (\`upload_id\`, \`part\`),
        CONSTRAINT \`fk_storage_upload_parts_upload\` FOREIGN KEY (\`upload_id\`) REFERENCES \`storage_uploads\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `storage_upload_parts`');
    await queryRunner.query('DROP TABLE `storage_uploads`');
  }
}
