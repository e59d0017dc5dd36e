-- DropForeignKey
ALTER TABLE "cdr" DROP CONSTRAINT "cdr_import_id_fkey";

-- DropForeignKey
ALTER TABLE "cdr" DROP CONSTRAINT "cdr_source_id_fkey";
