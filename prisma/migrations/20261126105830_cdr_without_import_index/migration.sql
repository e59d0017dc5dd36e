-- DropIndex
DROP INDEX "cdr_import_id_idx";
