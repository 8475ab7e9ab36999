import { MigrationInterface, QueryRunner } from 'typeorm';

const ASCII = 'char(36) CHARACTER SET ascii COLLATE ascii_bin';
const UNICODE = 'char(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci';
const FK = 'fk_storage_upload_parts_upload';

/**
 * Every UUID column becomes ascii_bin (see `UUID_COLUMN`): the claim, load and completion of jobs look
 * rows up by id in batches, and comparing ids through utf8mb4_unicode_ci cost more than half of those
 * statements. Every id was written by the uuid package, in lower-case hex, so no stored value changes. The storage foreign key is dropped
 * and added back around the change, as both of its columns must keep one character set.
 */
export class AsciiUuidColumns1795000000030 implements MigrationInterface {
  name = 'AsciiUuidColumns1795000000030';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.convert(queryRunner, ASCII);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await this.convert(queryRunner, UNICODE);
  }

  private async convert(queryRunner: QueryRunner, type: string): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`jobs\` MODIFY \`id\` ${type} NOT NULL, MODIFY \`parent_id\` ${type} NULL`);
    await queryRunner.query(`ALTER TABLE \`job_runs\` MODIFY \`id\` ${type} NOT NULL, MODIFY \`job_id\` ${type} NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`idempotency_keys\` MODIFY \`job_id\` ${type} NOT NULL`);
    await queryRunner.query(`ALTER TABLE \`storage_upload_parts\` DROP FOREIGN KEY \`${FK}\``);
    await queryRunner.query(`ALTER TABLE \`storage_uploads\` MODIFY \`id\` ${type} NOT NULL, MODIFY \`job_id\` ${type} NULL`);
    await queryRunner.query(`ALTER TABLE \`storage_upload_parts\` MODIFY \`upload_id\` ${type} NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE \`storage_upload_parts\` ADD CONSTRAINT \`${FK}\` FOREIGN KEY (\`upload_id\`) REFERENCES \`storage_uploads\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }
}
