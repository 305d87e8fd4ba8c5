/* test-database.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening, creating and upgrading district databases; what is refused (files of newer versions
 * or of other programs), read-only opening, nested transactions with their "changed" signal, and
 * the constraints and query plans of the schema. Direct SQL goes through the raw handle.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "gf-catalog.h"
#include "gf-database-private.h"

/* 'GFAT' */
#define ATLAS_APPLICATION_ID 0x47464154

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gf-test-database-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "district.gfdb", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

/* The first column of the first row of @sql on a raw connection, as an integer. */
static gint64
raw_int (sqlite3    *handle,
         const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
raw_text (sqlite3    *handle,
          const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (handle));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
raw_exec (sqlite3    *handle,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Runs @sql and expects SQLite to refuse it for a constraint. */
static void
assert_refused (sqlite3    *handle,
                const char *sql)
{
  int rc = sqlite3_exec (handle, sql, NULL, NULL, NULL);

  if ((rc & 0xff) != SQLITE_CONSTRAINT)
    g_error ("expected a constraint to refuse “%s”, got %d (%s)", sql, rc,
             sqlite3_errmsg (handle));
}

static sqlite3 *
raw_open (const char *path,
          int         flags)
{
  sqlite3 *handle = NULL;

  if (sqlite3_open_v2 (path, &handle, flags, NULL) != SQLITE_OK)
    g_error ("cannot open %s: %s", path, sqlite3_errmsg (handle));

  return handle;
}

static void
test_new_database (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal_mode = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const GfCatalogEntry *entries;
  guint n_entries, n = 0;
  sqlite3 *handle;

  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_EXISTS));

  g_assert_cmpstr (gf_database_get_path (db), ==, fixture->path);
  g_assert_false (gf_database_is_read_only (db));
  g_assert_cmpint (gf_database_get_read_only_reason (db), ==, GF_READ_ONLY_NONE);
  g_assert_cmpint (gf_database_latest_schema_version (), >=, 2);
  g_assert_cmpint (gf_database_get_schema_version (db), ==,
                   gf_database_latest_schema_version ());
  /* A new file is not upgraded, so nothing is copied aside. */
  g_assert_null (gf_database_get_backup_path (db));
  g_assert_false (gf_database_in_transaction (db));

  handle = _gf_database_get_handle (db);
  g_assert_cmpint (raw_int (handle, "PRAGMA user_version"), ==,
                   gf_database_latest_schema_version ());
  g_assert_cmpint (raw_int (handle, "PRAGMA application_id"), ==, ATLAS_APPLICATION_ID);
  g_assert_cmpint (raw_int (handle, "PRAGMA foreign_keys"), ==, 1);
  journal_mode = raw_text (handle, "PRAGMA journal_mode");
  g_assert_cmpstr (journal_mode, ==, "wal");

  /* Both migrations ran: the alias table of version 2 exists. */
  g_assert_cmpint (raw_int (handle, "SELECT count(*) FROM sqlite_schema"
                                    " WHERE type = 'table' AND name = 'village_alias'"), ==, 1);

  /* The indicator table holds exactly the catalogue, in its order. */
  entries = gf_catalog_entries (&n_entries);
  g_assert_cmpint (raw_int (handle, "SELECT count(*) FROM indicator"), ==, n_entries);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT code, name_zh, unit, aggregation"
                                               " FROM indicator ORDER BY sort_order",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpuint (n, <, n_entries);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, entries[n].code);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, entries[n].name_zh);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, entries[n].unit);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 3), ==,
                       gf_aggregation_to_string (entries[n].aggregation));
      n++;
    }
  g_assert_cmpuint (n, ==, n_entries);

  /* Opening it again neither upgrades nor reseeds it. */
  g_clear_object (&db);
  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_null (gf_database_get_backup_path (db));
  g_assert_cmpint (raw_int (_gf_database_get_handle (db), "SELECT count(*) FROM indicator"), ==,
                   n_entries);
}

static void
test_in_memory (void)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_database_get_schema_version (db), ==,
                   gf_database_latest_schema_version ());
  g_assert_false (gf_database_is_read_only (db));
  g_assert_cmpint (raw_int (_gf_database_get_handle (db), "PRAGMA foreign_keys"), ==, 1);
}

static void
test_upgrade (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *town = NULL;
  sqlite3 *backup;

  /* A file as the first release wrote it, with one town. */
  db = _gf_database_open_at_version (fixture->path, GF_DATABASE_OPEN_DEFAULT, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_database_get_schema_version (db), ==, 1);
  g_assert_cmpint (raw_int (_gf_database_get_handle (db), "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (_gf_database_get_handle (db),
                            "SELECT count(*) FROM sqlite_schema WHERE name = 'village_alias'"),
                   ==, 0);
  raw_exec (_gf_database_get_handle (db),
            "INSERT INTO town (code, name) VALUES ('339901101', '雪岭镇')");
  g_clear_object (&db);

  /* Opening it upgrades it after copying it aside. */
  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gf_database_get_schema_version (db), ==,
                   gf_database_latest_schema_version ());
  g_assert_cmpint (raw_int (_gf_database_get_handle (db), "PRAGMA user_version"), ==,
                   gf_database_latest_schema_version ());
  g_assert_cmpint (raw_int (_gf_database_get_handle (db),
                            "SELECT count(*) FROM sqlite_schema WHERE name = 'village_alias'"),
                   ==, 1);
  town = raw_text (_gf_database_get_handle (db), "SELECT name FROM town WHERE code = '339901101'");
  g_assert_cmpstr (town, ==, "雪岭镇");
  g_clear_pointer (&town, g_free);
  /* The catalogue is seeded once, by migration 1, not again by the upgrade. */
  {
    guint n_entries;

    gf_catalog_entries (&n_entries);
    g_assert_cmpint (raw_int (_gf_database_get_handle (db), "SELECT count(*) FROM indicator"),
                     ==, n_entries);
  }

  g_assert_nonnull (gf_database_get_backup_path (db));
  backup_path = g_strdup (gf_database_get_backup_path (db));
  g_assert_true (g_str_has_prefix (backup_path, fixture->path));
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));
  g_clear_object (&db);

  /* The copy is the file as it was: version 1, with the town and without the new table. */
  backup = raw_open (backup_path, SQLITE_OPEN_READONLY);
  g_assert_cmpint (raw_int (backup, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (raw_int (backup, "PRAGMA application_id"), ==, ATLAS_APPLICATION_ID);
  town = raw_text (backup, "SELECT name FROM town WHERE code = '339901101'");
  g_assert_cmpstr (town, ==, "雪岭镇");
  g_assert_cmpint (raw_int (backup, "SELECT count(*) FROM sqlite_schema"
                                    " WHERE name = 'village_alias'"), ==, 0);
  sqlite3_close (backup);

  /* Once upgraded, opening makes no further copy. */
  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_null (gf_database_get_backup_path (db));
}

static void
test_upgrade_read_only (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *handle;

  db = _gf_database_open_at_version (fixture->path, GF_DATABASE_OPEN_DEFAULT, 1, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  /* An old file opened read-only cannot be upgraded, and is left as it was. */
  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_READ_ONLY, &error);
  g_assert_null (db);
  g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY);

  handle = raw_open (fixture->path, SQLITE_OPEN_READONLY);
  g_assert_cmpint (raw_int (handle, "PRAGMA user_version"), ==, 1);
  sqlite3_close (handle);
}

/* A file that Gongfu Atlas must refuse to open, and leave as it was. */
typedef struct
{
  const char      *sql;        /* writes the file */
  GfDatabaseError  code;
  const char      *mention;    /* what the message says, or NULL */
  struct
  {
    const char *sql;
    gint64      value;
  } kept[2];                   /* what the file still holds: values of queries on it */
} RefusedFile;

/* A Gongfu Atlas file from a future release: still version 99, no backup made. */
static const RefusedFile too_new = {
  "PRAGMA application_id = 1195786580; PRAGMA user_version = 99; CREATE TABLE future (x)",
  GF_DATABASE_ERROR_TOO_NEW, "newer", { { "PRAGMA user_version", 99 } }
};

/* Another program's SQLite file: nothing was added to it. */
static const RefusedFile not_atlas = {
  "CREATE TABLE foo (bar TEXT); INSERT INTO foo VALUES ('baz')",
  GF_DATABASE_ERROR_NOT_ATLAS, NULL,
  { { "SELECT count(*) FROM sqlite_schema", 1 }, { "PRAGMA user_version", 0 } }
};

/* Another program's file that sets its own user_version and no tables is still not ours. */
static const RefusedFile not_atlas_versioned = {
  "PRAGMA user_version = 1", GF_DATABASE_ERROR_NOT_ATLAS
};

static void
test_refused (Fixture       *fixture,
              gconstpointer  data)
{
  const RefusedFile *file = data;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *handle;

  handle = raw_open (fixture->path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  raw_exec (handle, file->sql);
  sqlite3_close (handle);

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_error (error, GF_DATABASE_ERROR, (int) file->code);
  if (file->mention != NULL)
    g_assert_nonnull (strstr (error->message, file->mention));

  handle = raw_open (fixture->path, SQLITE_OPEN_READONLY);
  for (guint i = 0; i < G_N_ELEMENTS (file->kept) && file->kept[i].sql != NULL; i++)
    g_assert_cmpint (raw_int (handle, file->kept[i].sql), ==, file->kept[i].value);
  sqlite3_close (handle);
}

static void
test_text_file (Fixture       *fixture,
                gconstpointer  data)
{
  const char *text = "village_code,year,value\n339901101201,2024,1\n"
                     "This is a spreadsheet saved as text, not a database.\n";
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_true (g_file_set_contents (fixture->path, text, -1, NULL));

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_null (db);
  g_assert_nonnull (error);
  g_assert_true (error->domain == GF_DATABASE_ERROR);
  g_assert_cmpstr (error->message, !=, "");

  /* The file is left as it was. */
  g_assert_true (g_file_get_contents (fixture->path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, text);
}

static void
test_locked (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *other;

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  /* Another program holds the write lock and keeps it. */
  other = raw_open (fixture->path, SQLITE_OPEN_READWRITE);
  raw_exec (other, "BEGIN IMMEDIATE");
  raw_exec (other, "INSERT INTO town (code, name) VALUES ('339901101', '雪岭镇')");

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db);
  g_assert_true (gf_database_is_read_only (db));
  g_assert_cmpint (gf_database_get_read_only_reason (db), ==, GF_READ_ONLY_LOCKED);
  g_assert_cmpint (gf_database_get_schema_version (db), ==,
                   gf_database_latest_schema_version ());

  /* It still reads, without the other program's uncommitted town. */
  g_assert_cmpint (raw_int (_gf_database_get_handle (db), "SELECT count(*) FROM town"), ==, 0);

  g_assert_false (gf_database_begin (db, &error));
  g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY);
  g_assert_false (gf_database_in_transaction (db));

  g_clear_object (&db);
  raw_exec (other, "ROLLBACK");
  sqlite3_close (other);
}

static void
test_read_only_requested (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_clear_object (&db);

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_READ_ONLY, &error);
  g_assert_no_error (error);
  g_assert_true (gf_database_is_read_only (db));
  g_assert_cmpint (gf_database_get_read_only_reason (db), ==, GF_READ_ONLY_REQUESTED);

  g_assert_false (gf_database_begin (db, &error));
  g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* SQLite itself refuses a write on the read-only handle. */
  g_assert_cmpint (sqlite3_exec (_gf_database_get_handle (db),
                                 "INSERT INTO town (code, name) VALUES ('339901101', 'x')",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_READONLY);
}

/* Read-only or EXISTING, opening a missing file (@data holds the flags) is NOT_FOUND, and
 * creates nothing. */
static void
test_open_missing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  db = gf_database_open (fixture->path, GPOINTER_TO_UINT (data), &error);
  g_assert_null (db);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

static void
count_changed_cb (GfDatabase *db,
                  const char *table,
                  gpointer    user_data)
{
  GPtrArray *seen = user_data;

  g_ptr_array_add (seen, g_strdup (table));
}

static void
test_nested_commit (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) towns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) villages = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *handle, *reader;

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  handle = _gf_database_get_handle (db);
  g_signal_connect (db, "changed", G_CALLBACK (count_changed_cb), all);
  g_signal_connect (db, "changed::town", G_CALLBACK (count_changed_cb), towns);
  g_signal_connect (db, "changed::village", G_CALLBACK (count_changed_cb), villages);

  /* A second connection sees only what is committed (WAL). */
  reader = raw_open (fixture->path, SQLITE_OPEN_READONLY);

  g_assert_true (gf_database_begin (db, &error));
  g_assert_no_error (error);
  raw_exec (handle, "INSERT INTO town (code, name) VALUES ('339901101', '雪岭镇')");

  g_assert_true (gf_database_begin (db, &error));
  raw_exec (handle, "INSERT INTO town (code, name) VALUES ('339901102', '溪源镇')");
  g_assert_true (gf_database_commit (db, "town", &error));
  g_assert_no_error (error);

  /* The inner commit committed nothing and said nothing. */
  g_assert_true (gf_database_in_transaction (db));
  g_assert_cmpuint (all->len, ==, 0);
  g_assert_cmpint (raw_int (reader, "SELECT count(*) FROM town"), ==, 0);
  g_assert_cmpint (raw_int (handle, "SELECT count(*) FROM town"), ==, 2);

  g_assert_true (gf_database_commit (db, "town", &error));
  g_assert_no_error (error);
  g_assert_false (gf_database_in_transaction (db));
  g_assert_cmpint (raw_int (reader, "SELECT count(*) FROM town"), ==, 2);

  /* Exactly one "changed", detailed by the table. */
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (all, 0), ==, "town");
  g_assert_cmpuint (towns->len, ==, 1);
  g_assert_cmpuint (villages->len, ==, 0);

  /* A commit without a table name says nothing. */
  g_assert_true (gf_database_begin (db, &error));
  raw_exec (handle, "INSERT INTO town (code, name) VALUES ('339901103', '云溪镇')");
  g_assert_true (gf_database_commit (db, NULL, &error));
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpint (raw_int (reader, "SELECT count(*) FROM town"), ==, 3);

  /* gf_database_emit_changed() is the same signal, for writes of other connections. */
  gf_database_emit_changed (db, "village");
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (villages->len, ==, 1);
  g_assert_cmpuint (towns->len, ==, 1);

  sqlite3_close (reader);
}

static void
test_nested_rollback (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *handle;

  db = gf_database_open (fixture->path, GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  handle = _gf_database_get_handle (db);
  g_signal_connect (db, "changed", G_CALLBACK (count_changed_cb), all);

  g_assert_true (gf_database_begin (db, &error));
  raw_exec (handle, "INSERT INTO town (code, name) VALUES ('339901101', '雪岭镇')");
  g_assert_true (gf_database_begin (db, &error));
  raw_exec (handle, "INSERT INTO town (code, name) VALUES ('339901102', '溪源镇')");
  g_assert_true (gf_database_begin (db, &error));

  /* Rolling back at the innermost level abandons the outer work too. */
  gf_database_rollback (db);
  g_assert_false (gf_database_in_transaction (db));
  g_assert_cmpint (sqlite3_get_autocommit (handle), !=, 0);
  g_assert_cmpint (raw_int (handle, "SELECT count(*) FROM town"), ==, 0);
  g_assert_cmpuint (all->len, ==, 0);

  /* A second rollback is harmless, and a new transaction works. */
  gf_database_rollback (db);
  g_assert_true (gf_database_begin (db, &error));
  raw_exec (handle, "INSERT INTO town (code, name) VALUES ('339901103', '云溪镇')");
  g_assert_true (gf_database_commit (db, "town", &error));
  g_assert_no_error (error);
  g_assert_cmpint (raw_int (handle, "SELECT count(*) FROM town"), ==, 1);
  g_assert_cmpuint (all->len, ==, 1);
}

static void
test_constraints (void)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *handle;

  db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  handle = _gf_database_get_handle (db);

  raw_exec (handle,
            "INSERT INTO town (id, code, name) VALUES (1, '339901101', '雪岭镇');"
            "INSERT INTO village (id, code, name, town_id) VALUES"
            " (1, '339901101201', '甲村', 1), (2, '339901101202', '乙村', 1);"
            "INSERT INTO layout (id, name, is_current) VALUES (1, '现行布局', 1);"
            "INSERT INTO cluster (id, name) VALUES (1, 'X'), (2, 'Y');"
            "INSERT INTO cluster_member (layout_id, village_id, cluster_id) VALUES (1, 1, 1);");

  /* Codes: 11 digits, a letter, a duplicate. */
  assert_refused (handle, "INSERT INTO village (code, name, town_id)"
                          " VALUES ('33990110120', '短码村', 1)");
  assert_refused (handle, "INSERT INTO village (code, name, town_id)"
                          " VALUES ('33990110120a', '字母村', 1)");
  assert_refused (handle, "INSERT INTO town (code, name) VALUES ('339901101', '重复镇')");
  assert_refused (handle, "INSERT INTO town (code, name) VALUES ('3399011010', '长码镇')");
  /* A village of a town that does not exist (foreign keys are on). */
  assert_refused (handle, "INSERT INTO village (code, name, town_id)"
                          " VALUES ('339901101299', '孤村', 99)");
  /* A town with villages cannot be deleted. */
  assert_refused (handle, "DELETE FROM town WHERE id = 1");

  /* Two current layouts. */
  assert_refused (handle, "INSERT INTO layout (name, is_current) VALUES ('方案二', 1)");
  raw_exec (handle, "INSERT INTO layout (id, name, is_current) VALUES (2, '方案二', 0)");
  assert_refused (handle, "UPDATE layout SET is_current = 1 WHERE id = 2");

  /* One village in two clusters of one layout; in another layout it may move. */
  assert_refused (handle, "INSERT INTO cluster_member (layout_id, village_id, cluster_id)"
                          " VALUES (1, 1, 2)");
  raw_exec (handle, "INSERT INTO cluster_member (layout_id, village_id, cluster_id)"
                    " VALUES (2, 1, 2)");

  /* A task or an activity that belongs to nobody. */
  assert_refused (handle, "INSERT INTO task (title, year) VALUES ('无主任务', 2024)");
  raw_exec (handle, "INSERT INTO task (title, cluster_id, year) VALUES ('组团任务', 1, 2024)");
  assert_refused (handle, "INSERT INTO activity (kind, date) VALUES ('meeting', '2024-05-01')");
  /* A derived indicator without its formula, and a formula on a plain one. */
  assert_refused (handle, "INSERT INTO indicator (code, name_zh, name_en, unit, category,"
                          " aggregation, direction) VALUES ('x_derived', '派生', 'Derived',"
                          " '万元', 'collective', 'derived', 1)");
  assert_refused (handle, "INSERT INTO indicator (code, name_zh, name_en, unit, category,"
                          " aggregation, formula, direction) VALUES ('x_sum', '合计', 'Sum',"
                          " '万元', 'collective', 'sum', 'a+b', 1)");
  assert_refused (handle, "INSERT INTO indicator (code, name_zh, name_en, unit, category,"
                          " aggregation, direction, measure) VALUES ('x_gross', '毛收入',"
                          " 'Gross', '元', 'income', 'weighted_mean', 1, 'gross')");

  /* Observations: a year out of range, a second value for one key. */
  assert_refused (handle, "INSERT INTO observation (indicator_id, year, village_id, value)"
                          " VALUES (1, 1900, 1, 5)");
  raw_exec (handle, "INSERT INTO observation (indicator_id, year, village_id, value)"
                    " VALUES (1, 2024, 1, 5)");
  assert_refused (handle, "INSERT INTO observation (indicator_id, year, village_id, value)"
                          " VALUES (1, 2024, 1, 6)");

  /* Only one district row. */
  raw_exec (handle, "INSERT INTO district (id, code, name) VALUES (1, '339901', '示例区')");
  assert_refused (handle, "INSERT INTO district (id, code, name) VALUES (2, '339902', '另区')");
}

/* The schema's date checks are `date(x) IS x`: with `=`, a string that is not a date makes the
 * CHECK NULL, and a NULL CHECK passes. */
static void
test_constraints_dates (void)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  const char * const bad[] = {
    "INSERT INTO task (title, cluster_id, year, due_date) VALUES ('t1', 1, 2024, '2024-13-01')",
    "INSERT INTO task (title, cluster_id, year, due_date) VALUES ('t2', 1, 2024, 'soon')",
    "INSERT INTO activity (cluster_id, kind, date) VALUES (1, 'meeting', '2024-5-1')",
  };
  sqlite3 *handle;

  db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  handle = _gf_database_get_handle (db);
  raw_exec (handle, "INSERT INTO cluster (id, name) VALUES (1, 'X')");

  /* Well-formed dates pass. */
  raw_exec (handle, "INSERT INTO task (title, cluster_id, year, due_date)"
                    " VALUES ('ok', 1, 2024, '2024-06-15')");
  raw_exec (handle, "INSERT INTO activity (cluster_id, kind, date)"
                    " VALUES (1, 'meeting', '2024-05-01')");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_cmpint (sqlite3_exec (handle, bad[i], NULL, NULL, NULL) & 0xff, ==,
                     SQLITE_CONSTRAINT);
}

static void
test_query_plan (void)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3 *handle;

  db = gf_database_open (":memory:", GF_DATABASE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  handle = _gf_database_get_handle (db);

  /* The choropleth and cluster totals read one indicator and year for every village: a range
   * of the primary key (indicator_id, year, village_id), whatever the table's size. */
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "EXPLAIN QUERY PLAN SELECT village_id, value"
                                               " FROM observation"
                                               " WHERE indicator_id = ? AND year = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));

  g_test_message ("plan: %s", plan->str);
  g_assert_nonnull (strstr (plan->str, "USING PRIMARY KEY"));
  g_assert_null (strstr (plan->str, "SCAN"));
}

/* The page-level check that big files get in a worker thread: a good file passes, and a file
 * with a page overwritten by garbage fails with CORRUPT. */
static void
test_check_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gf-test-check-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "district.sqlite", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) stream = NULL;
  guint8 garbage[4096];

  {
    g_autoptr(GfDatabase) db = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_false (gf_database_get_integrity_check_deferred (db));
  }

  g_assert_true (gf_database_check_file (path, NULL, &error));
  g_assert_no_error (error);

  /* Overwrite the second page (the first table's b-tree root) with garbage. */
  memset (garbage, 0xA5, sizeof garbage);
  file = g_file_new_for_path (path);
  stream = g_file_open_readwrite (file, NULL, &error);
  g_assert_no_error (error);
  g_seekable_seek (G_SEEKABLE (stream), 4096, G_SEEK_SET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (stream)), garbage,
                             sizeof garbage, NULL, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  g_assert_false (gf_database_check_file (path, NULL, &error));
  g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Opening checks a file this small; a worker's second connection, whose file the first
   * connection checked, does not read every page again. */
  {
    g_autoptr(GfDatabase) db = gf_database_open (path, GF_DATABASE_OPEN_EXISTING, &error);

    g_assert_null (db);
    g_assert_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_CORRUPT);
    g_clear_error (&error);
  }
  {
    g_autoptr(GfDatabase) db = gf_database_open (path, GF_DATABASE_OPEN_EXISTING
                                                       | GF_DATABASE_OPEN_READ_ONLY
                                                       | GF_DATABASE_OPEN_CHECKED, &error);

    g_assert_no_error (error);
    g_assert_nonnull (db);
  }

  g_assert_false (gf_database_check_file ("/nonexistent/district.sqlite", NULL, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/database/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
#define ADD_WITH_DATA(path, func, data) \
  g_test_add ("/core/database/" path, Fixture, data, fixture_set_up, func, fixture_tear_down)

  ADD ("new", test_new_database);
  g_test_add_func ("/core/database/in-memory", test_in_memory);
  ADD ("upgrade", test_upgrade);
  ADD ("upgrade-read-only", test_upgrade_read_only);
  ADD_WITH_DATA ("refuse/too-new", test_refused, &too_new);
  ADD_WITH_DATA ("refuse/not-atlas", test_refused, &not_atlas);
  ADD_WITH_DATA ("refuse/not-atlas-versioned", test_refused, &not_atlas_versioned);
  ADD ("refuse/text-file", test_text_file);
  ADD ("read-only/locked", test_locked);
  ADD ("read-only/requested", test_read_only_requested);
  ADD_WITH_DATA ("read-only/missing", test_open_missing,
                 GUINT_TO_POINTER (GF_DATABASE_OPEN_READ_ONLY));
  ADD_WITH_DATA ("open-existing/missing", test_open_missing,
                 GUINT_TO_POINTER (GF_DATABASE_OPEN_EXISTING));
  ADD ("transaction/nested-commit", test_nested_commit);
  ADD ("transaction/nested-rollback", test_nested_rollback);
  g_test_add_func ("/core/database/constraints", test_constraints);
  g_test_add_func ("/core/database/constraints-dates", test_constraints_dates);
  g_test_add_func ("/core/database/query-plan", test_query_plan);
  g_test_add_func ("/core/database/check-file", test_check_file);

#undef ADD_WITH_DATA
#undef ADD

  return g_test_run ();
}
