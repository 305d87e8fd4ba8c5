/* gf-database.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SQLite file per district. Opening checks what the file is, takes it read-only when it
 * cannot be written or another program holds its lock, upgrades its schema (after copying the
 * file aside), and runs a quick integrity check.
 */

#define G_LOG_DOMAIN "gf-database"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <unistd.h>

#include "gf-catalog.h"
#include "gf-database-private.h"

/* 'GFAT': marks a file as a Gongfu Atlas database. */
#define GF_APPLICATION_ID 0x47464154

struct _GfDatabase
{
  GObject           parent_instance;

  sqlite3          *handle;
  char             *path;
  char             *backup_path;
  GHashTable       *statements;     /* SQL text → sqlite3_stmt, owned */
  GHashTable       *literals;       /* address of a literal SQL string → sqlite3_stmt, borrowed */
  GfReadOnlyReason  read_only_reason;
  int               schema_version;
  guint             transaction_depth;
  GPtrArray        *changed_tables;   /* interned names written in the open transaction */
  gboolean          integrity_check_deferred;
};

/* Files up to this size are checked page by page when they are opened (about 0.1 s). */
#define GF_DATABASE_INLINE_CHECK_SIZE (64 * 1024 * 1024)

G_DEFINE_TYPE (GfDatabase, gf_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (gf-database-error-quark, gf_database_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Migrations in order: migration N brings a file from user_version N-1 to N. */
static const char * const migrations[] = {
  "/io/github/gongfuatlas/Atlas/sql/001-initial.sql",
  "/io/github/gongfuatlas/Atlas/sql/002-aliases.sql",
  "/io/github/gongfuatlas/Atlas/sql/003-briefings.sql",
  "/io/github/gongfuatlas/Atlas/sql/004-slide-subjects.sql",
  "/io/github/gongfuatlas/Atlas/sql/005-leaderboard-slides.sql",
};

void
_gf_database_set_error (GfDatabase  *self,
                        GError     **error,
                        const char  *context)
{
  int code = sqlite3_extended_errcode (self->handle);
  int domain_code = GF_DATABASE_ERROR_QUERY;

  if ((code & 0xff) == SQLITE_READONLY)
    domain_code = GF_DATABASE_ERROR_READ_ONLY;
  else if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
    domain_code = GF_DATABASE_ERROR_CORRUPT;

  g_set_error (error, GF_DATABASE_ERROR, domain_code, "%s: %s",
               context, sqlite3_errmsg (self->handle));
}

sqlite3 *
_gf_database_get_handle (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), NULL);

  return self->handle;
}

/*
 * _gf_database_prepare:
 *
 * Returns: (transfer none): a cached statement, reset and with its bindings cleared. Statements
 * are reused for the life of the connection, so a loop of inserts compiles its SQL once.
 */
sqlite3_stmt *
_gf_database_prepare (GfDatabase  *self,
                      const char  *sql,
                      GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GF_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)
      != SQLITE_OK)
    {
      _gf_database_set_error (self, error, "prepare");
      g_debug ("Failed SQL: %s", sql);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/*
 * _gf_database_prepare_literal:
 * @sql: a string literal (static storage): it is looked up by address
 *
 * _gf_database_prepare() for the statements of hot loops: hashing the SQL text on every call
 * cost a tenth of an observation insert.
 *
 * Returns: (transfer none): a cached statement, reset and with its bindings cleared
 */
sqlite3_stmt *
_gf_database_prepare_literal (GfDatabase  *self,
                              const char  *sql,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (GF_IS_DATABASE (self), NULL);

  stmt = g_hash_table_lookup (self->literals, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  stmt = _gf_database_prepare (self, sql, error);
  if (stmt != NULL)
    g_hash_table_insert (self->literals, (gpointer) sql, stmt);

  return stmt;
}

/* Steps a statement that returns no rows. */
gboolean
_gf_database_step_done (GfDatabase    *self,
                        sqlite3_stmt  *stmt,
                        GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _gf_database_set_error (self, error, "step");
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
_gf_database_exec (GfDatabase  *self,
                   const char  *sql,
                   GError     **error)
{
  g_autofree char *message = NULL;
  char *sqlite_message = NULL;

  if (sqlite3_exec (self->handle, sql, NULL, NULL, &sqlite_message) != SQLITE_OK)
    {
      message = g_strdup (sqlite_message ? sqlite_message : sqlite3_errmsg (self->handle));
      sqlite3_free (sqlite_message);
      g_set_error_literal (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_QUERY, message);
      return FALSE;
    }

  return TRUE;
}

static int
query_int (GfDatabase *self,
           const char *sql,
           int         fallback)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int value = fallback;

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);

  return value;
}

static gboolean
seed_catalog (GfDatabase  *self,
              GError     **error)
{
  const GfCatalogEntry *entries;
  sqlite3_stmt *stmt;
  guint n_entries;

  stmt = _gf_database_prepare (self,
                               "INSERT INTO indicator (code, name_zh, name_en, unit, category,"
                               " aggregation, weight_code, formula, direction, measure,"
                               " benchmark, sort_order)"
                               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return FALSE;

  entries = gf_catalog_entries (&n_entries);
  for (guint i = 0; i < n_entries; i++)
    {
      const GfCatalogEntry *e = &entries[i];

      sqlite3_bind_text (stmt, 1, e->code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, e->name_zh, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, e->name_en, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, e->unit, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, e->category, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, gf_aggregation_to_string (e->aggregation), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, e->weight_code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, e->formula, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, e->direction);
      sqlite3_bind_text (stmt, 10, e->measure, -1, SQLITE_STATIC);
      if (isnan (e->benchmark))
        sqlite3_bind_null (stmt, 11);
      else
        sqlite3_bind_double (stmt, 11, e->benchmark);
      sqlite3_bind_int (stmt, 12, (int) i);

      if (!_gf_database_step_done (self, stmt, error))
        return FALSE;
      sqlite3_clear_bindings (stmt);
    }

  return TRUE;
}

/* Copies the whole database to a file beside it, through SQLite's online backup, so that a
 * failed or unwanted upgrade can be undone by hand. */
static gboolean
backup_before_migration (GfDatabase  *self,
                         GError     **error)
{
  g_autofree char *backup_path = NULL;
  sqlite3_backup *backup;
  sqlite3 *target = NULL;
  int rc;

  backup_path = g_strdup_printf ("%s.v%d.bak", self->path, self->schema_version);
  if (sqlite3_open_v2 (backup_path, &target,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_MIGRATION,
                   _("Could not create the backup copy “%s”: %s"),
                   backup_path, sqlite3_errmsg (target));
      sqlite3_close (target);
      return FALSE;
    }

  backup = sqlite3_backup_init (target, "main", self->handle, "main");
  rc = backup ? sqlite3_backup_step (backup, -1) : sqlite3_errcode (target);
  if (backup)
    sqlite3_backup_finish (backup);
  sqlite3_close (target);

  if (rc != SQLITE_DONE)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_MIGRATION,
                   _("Could not create the backup copy “%s”"), backup_path);
      g_unlink (backup_path);
      return FALSE;
    }

  g_free (self->backup_path);
  self->backup_path = g_steal_pointer (&backup_path);
  return TRUE;
}

/* Fails when any row refers to a row that is not there: what foreign keys, off during a
 * migration, would have refused. */
static gboolean
check_foreign_keys (GfDatabase  *self,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (sqlite3_prepare_v2 (self->handle, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_MIGRATION, "%s",
                   sqlite3_errmsg (self->handle));
      return FALSE;
    }

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_MIGRATION,
                 "a row of %s refers to a missing row of %s",
                 (const char *) sqlite3_column_text (stmt, 0),
                 (const char *) sqlite3_column_text (stmt, 2));
  else if (rc != SQLITE_DONE)
    g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_MIGRATION, "%s",
                 sqlite3_errmsg (self->handle));
  sqlite3_finalize (stmt);

  return rc == SQLITE_DONE;
}

static gboolean
migrate (GfDatabase  *self,
         int          latest,
         GError     **error)
{

  for (int version = self->schema_version + 1; version <= latest; version++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *pragma = NULL;

      bytes = g_resources_lookup_data (migrations[version - 1], 0, &local_error);
      if (bytes == NULL)
        {
          g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_MIGRATION,
                       "Missing migration %s: %s", migrations[version - 1], local_error->message);
          return FALSE;
        }

      /* A migration may rebuild a table (SQLite's only way to change a constraint), and
       * dropping the old one with foreign keys on would delete the rows that refer to it.
       * The pragma has no effect inside a transaction: it is set around it, and the
       * references are checked before the commit instead. */
      if (!_gf_database_exec (self, "PRAGMA foreign_keys = OFF", error))
        return FALSE;
      if (!_gf_database_exec (self, "BEGIN IMMEDIATE", error))
        {
          _gf_database_exec (self, "PRAGMA foreign_keys = ON", NULL);
          return FALSE;
        }

      pragma = g_strdup_printf ("PRAGMA user_version = %d; PRAGMA application_id = %d;",
                                version, GF_APPLICATION_ID);

      if (!_gf_database_exec (self, g_bytes_get_data (bytes, NULL), &local_error)
          || (version == 1 && !seed_catalog (self, &local_error))
          || !check_foreign_keys (self, &local_error)
          || !_gf_database_exec (self, pragma, &local_error)
          || !_gf_database_exec (self, "COMMIT", &local_error))
        {
          _gf_database_exec (self, "ROLLBACK", NULL);
          _gf_database_exec (self, "PRAGMA foreign_keys = ON", NULL);
          g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_MIGRATION,
                       _("Could not upgrade the database to version %d: %s"),
                       version, local_error->message);
          return FALSE;
        }

      if (!_gf_database_exec (self, "PRAGMA foreign_keys = ON", error))
        return FALSE;

      self->schema_version = version;
    }

  return TRUE;
}

/* quick_check verifies every page and the order of every index without cross-checking each
 * index entry against its table, which integrity_check (in `gongfu-atlas-cli check`) does. */
static gboolean
quick_check (sqlite3     *handle,
             const char  *path,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *result;

  if (sqlite3_prepare_v2 (handle, "PRAGMA quick_check(1)", -1, &stmt, NULL) != SQLITE_OK
      || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_CORRUPT,
                   _("“%s” is not a readable database: %s"), path, sqlite3_errmsg (handle));
      return FALSE;
    }

  result = (const char *) sqlite3_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_CORRUPT,
                   _("The database “%s” is damaged: %s"), path, result);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_integrity (GfDatabase  *self,
                 GError     **error)
{
  return quick_check (self->handle, self->path, error);
}

static gboolean
read_schema (GfDatabase  *self,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (self->handle, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL)
      != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_NOT_ATLAS,
                   _("“%s” is not a Gongfu Atlas database, or it is damaged: %s"),
                   self->path, sqlite3_errmsg (self->handle));
      return FALSE;
    }

  return TRUE;
}

static gboolean
open_handle (GfDatabase  *self,
             gboolean     read_only,
             GError     **error)
{
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;

  g_clear_pointer (&self->handle, sqlite3_close_v2);

  if (sqlite3_open_v2 (self->path, &self->handle, flags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), self->path,
                   self->handle ? sqlite3_errmsg (self->handle) : g_strerror (ENOMEM));
      return FALSE;
    }

  sqlite3_extended_result_codes (self->handle, TRUE);
  return TRUE;
}

/* Another program holding a write transaction makes BEGIN IMMEDIATE fail with SQLITE_BUSY. */
static gboolean
is_locked (GfDatabase *self)
{
  int rc;

  sqlite3_busy_timeout (self->handle, 250);
  rc = sqlite3_exec (self->handle, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);

  return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

static gboolean
is_writable_file (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  /* SQLite writes its journal and WAL beside the file, so the folder must be writable too. */
  if (g_file_test (path, G_FILE_TEST_EXISTS) && g_access (path, W_OK) != 0)
    return FALSE;

  return g_access (dir, W_OK) == 0;
}

static void
gf_database_finalize (GObject *object)
{
  GfDatabase *self = (GfDatabase *)object;

  g_clear_pointer (&self->literals, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->changed_tables, g_ptr_array_unref);
  if (self->handle != NULL)
    {
      /* Fold the WAL back into the file so that a copied database is complete. */
      if (self->read_only_reason == GF_READ_ONLY_NONE)
        sqlite3_wal_checkpoint_v2 (self->handle, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      g_clear_pointer (&self->handle, sqlite3_close_v2);
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (gf_database_parent_class)->finalize (object);
}

static void
gf_database_class_init (GfDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  /* Memory statistics take a global mutex on every allocation; nothing here reads them. This
   * only takes effect before SQLite is first used, which is the case for this class. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  object_class->finalize = gf_database_finalize;

  /**
   * GfDatabase::changed:
   * @self: the database
   * @table: the table whose records changed, or "*" for many tables
   *
   * Emitted on the thread that owns the connection after a write transaction commits, so
   * that every open view (map colours, charts, leaderboard, details) can refresh. The signal
   * is detailed by the table name.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
gf_database_init (GfDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
  self->literals = g_hash_table_new (NULL, NULL);
  self->changed_tables = g_ptr_array_new ();
}

/**
 * gf_database_open:
 * @path: the database file (created when missing), or ":memory:"
 * @flags: #GfDatabaseOpenFlags
 * @error: return location for a #GError
 *
 * Opens a district database, creating and upgrading its schema as needed. A file that cannot
 * be written, or whose lock another program holds, is opened read-only: see
 * gf_database_get_read_only_reason(). A file from a newer version, another application's
 * SQLite file or a damaged one fails with a message for the user.
 *
 * Returns: (transfer full) (nullable): the database
 */
GfDatabase *
gf_database_open (const char           *path,
                  GfDatabaseOpenFlags   flags,
                  GError              **error)
{
  return _gf_database_open_at_version (path, flags, gf_database_latest_schema_version (), error);
}

/**
 * gf_database_open_reader:
 * @path: the file of a database this process has open already
 * @error: return location for a #GError
 *
 * A second, read-only connection to @path, for a worker thread: SQLite connections stay on
 * the thread that uses them, and a read-only one never blocks the window's connection. The
 * first connection checked the file, so this one does not read every page of it again.
 * No second connection can open an in-memory database (see gf_database_is_in_memory()): that
 * fails with %G_IO_ERROR_NOT_SUPPORTED.
 *
 * Returns: (transfer full) (nullable): the connection
 */
GfDatabase *
gf_database_open_reader (const char  *path,
                         GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_equal (path, ":memory:"))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "An in-memory database cannot be opened a second time");
      return NULL;
    }

  return gf_database_open (path,
                           GF_DATABASE_OPEN_EXISTING | GF_DATABASE_OPEN_READ_ONLY
                           | GF_DATABASE_OPEN_CHECKED, error);
}

/*
 * _gf_database_open_at_version:
 * @target_version: the schema version to upgrade to, at most the latest
 *
 * gf_database_open() that stops upgrading at an older version: tests use it to make files of
 * earlier releases and check their upgrade.
 */
GfDatabase *
_gf_database_open_at_version (const char           *path,
                              GfDatabaseOpenFlags   flags,
                              int                   target_version,
                              GError              **error)
{
  g_autoptr(GfDatabase) self = NULL;
  gboolean in_memory;
  gboolean exists;
  int application_id;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GF_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);
  in_memory = g_str_equal (path, ":memory:");
  exists = !in_memory && g_file_test (path, G_FILE_TEST_EXISTS);

  if (!in_memory && !exists && (flags & (GF_DATABASE_OPEN_EXISTING | GF_DATABASE_OPEN_READ_ONLY)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist"), path);
      return NULL;
    }

  if (flags & GF_DATABASE_OPEN_READ_ONLY)
    self->read_only_reason = GF_READ_ONLY_REQUESTED;
  else if (!in_memory && !is_writable_file (path))
    self->read_only_reason = GF_READ_ONLY_FILE;

  if (!open_handle (self, self->read_only_reason != GF_READ_ONLY_NONE, error))
    return NULL;

  if (self->read_only_reason == GF_READ_ONLY_NONE && exists && is_locked (self))
    {
      self->read_only_reason = GF_READ_ONLY_LOCKED;
      if (!open_handle (self, TRUE, error))
        return NULL;
    }

  sqlite3_busy_timeout (self->handle, 2000);

  if (exists)
    {
      GStatBuf st;

      /* Reading the schema fails on a file that is not SQLite at all. */
      if (!read_schema (self, error))
        return NULL;

      /* quick_check reads every page: 1.2 s for 12 million observations. Big files are
       * checked after opening, in a thread, by the application (gf_database_check_file()). */
      if (flags & GF_DATABASE_OPEN_CHECKED)
        ;
      else if (g_stat (path, &st) == 0 && st.st_size > GF_DATABASE_INLINE_CHECK_SIZE)
        self->integrity_check_deferred = TRUE;
      else if (!check_integrity (self, error))
        return NULL;
    }

  self->schema_version = query_int (self, "PRAGMA user_version", 0);
  application_id = query_int (self, "PRAGMA application_id", 0);

  if (exists && (application_id != GF_APPLICATION_ID
                 && (self->schema_version != 0
                     || query_int (self, "SELECT count(*) FROM sqlite_schema", 0) != 0)))
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_NOT_ATLAS,
                   _("“%s” is a database of another application, not a Gongfu Atlas district"),
                   path);
      return NULL;
    }

  if (self->schema_version > gf_database_latest_schema_version ())
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_TOO_NEW,
                   _("“%s” was written by a newer version of Gongfu Atlas (database version %d; "
                     "this version reads up to %d). Update Gongfu Atlas to open it."),
                   path, self->schema_version, gf_database_latest_schema_version ());
      return NULL;
    }

  if (!_gf_database_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;

  if (self->read_only_reason == GF_READ_ONLY_NONE)
    {
      if (!in_memory && !_gf_database_exec (self, "PRAGMA journal_mode = WAL", error))
        return NULL;
      if (!_gf_database_exec (self, "PRAGMA synchronous = NORMAL", error))
        return NULL;
    }

  if (self->schema_version < target_version)
    {
      if (self->read_only_reason != GF_READ_ONLY_NONE)
        {
          g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY,
                       _("“%s” needs an upgrade to this version of Gongfu Atlas, but it can only "
                         "be read"), path);
          return NULL;
        }

      if (self->schema_version > 0 && !in_memory && !backup_before_migration (self, error))
        return NULL;

      if (!migrate (self, target_version, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
gf_database_get_path (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), NULL);

  return self->path;
}

/**
 * gf_database_is_in_memory:
 *
 * Returns: whether @self lives in memory only: no worker can open it a second time, so work
 *   on it stays on its own thread
 */
gboolean
gf_database_is_in_memory (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), FALSE);

  return g_str_equal (self->path, ":memory:");
}

gboolean
gf_database_is_read_only (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), TRUE);

  return self->read_only_reason != GF_READ_ONLY_NONE;
}

GfReadOnlyReason
gf_database_get_read_only_reason (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), GF_READ_ONLY_NONE);

  return self->read_only_reason;
}

int
gf_database_get_schema_version (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), 0);

  return self->schema_version;
}

/**
 * gf_database_get_backup_path:
 *
 * Returns: (nullable): the copy made before the last schema upgrade at open, if any
 */
const char *
gf_database_get_backup_path (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), NULL);

  return self->backup_path;
}

int
gf_database_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * gf_database_begin:
 *
 * Starts a write transaction; nested calls join the outer one, which alone commits.
 */
gboolean
gf_database_begin (GfDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), FALSE);

  if (self->read_only_reason != GF_READ_ONLY_NONE)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY,
                   _("The database “%s” is open read-only"), self->path);
      return FALSE;
    }

  if (self->transaction_depth == 0 && !_gf_database_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->transaction_depth++;
  return TRUE;
}

/**
 * gf_database_commit:
 * @changed_table: (nullable): the table the transaction changed, for #GfDatabase::changed
 *
 * Commits the outermost transaction and then emits #GfDatabase::changed once for every table
 * that this or a nested transaction named.
 */
gboolean
gf_database_commit (GfDatabase  *self,
                    const char  *changed_table,
                    GError     **error)
{
  g_autoptr(GPtrArray) changed = NULL;

  g_return_val_if_fail (GF_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->transaction_depth > 0, FALSE);

  if (changed_table != NULL)
    {
      const char *name = g_intern_string (changed_table);

      if (!g_ptr_array_find (self->changed_tables, name, NULL))
        g_ptr_array_add (self->changed_tables, (gpointer) name);
    }

  if (self->transaction_depth > 1)
    {
      self->transaction_depth--;
      return TRUE;
    }

  if (!_gf_database_exec (self, "COMMIT", error))
    {
      gf_database_rollback (self);
      return FALSE;
    }

  self->transaction_depth = 0;
  changed = g_steal_pointer (&self->changed_tables);
  self->changed_tables = g_ptr_array_new ();
  for (guint i = 0; i < changed->len; i++)
    gf_database_emit_changed (self, g_ptr_array_index (changed, i));

  return TRUE;
}

/**
 * gf_database_rollback:
 *
 * Abandons the whole transaction, however deeply nested the caller is.
 */
void
gf_database_rollback (GfDatabase *self)
{
  g_return_if_fail (GF_IS_DATABASE (self));

  if (self->transaction_depth == 0)
    return;

  self->transaction_depth = 0;
  g_ptr_array_set_size (self->changed_tables, 0);
  if (sqlite3_get_autocommit (self->handle) == 0)
    _gf_database_exec (self, "ROLLBACK", NULL);
}

gboolean
gf_database_in_transaction (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), FALSE);

  return self->transaction_depth > 0;
}

/**
 * gf_database_emit_changed:
 * @table: the changed table, or "*"
 *
 * Tells every view that data changed, for writes made through another connection (a worker
 * thread's import) once they are committed.
 */
void
gf_database_emit_changed (GfDatabase *self,
                          const char *table)
{
  g_return_if_fail (GF_IS_DATABASE (self));
  g_return_if_fail (table != NULL);

  g_signal_emit (self, signals[CHANGED], g_quark_from_string (table), table);
}

/**
 * gf_database_get_integrity_check_deferred:
 *
 * Returns: %TRUE when the file was too big to check at open; the caller should run
 *   gf_database_check_file() in a thread
 */
gboolean
gf_database_get_integrity_check_deferred (GfDatabase *self)
{
  g_return_val_if_fail (GF_IS_DATABASE (self), FALSE);

  return self->integrity_check_deferred;
}

/**
 * gf_database_check_file:
 * @path: a database file
 *
 * Runs the page-level integrity check on its own read-only connection, so it may run in a
 * worker thread while the application uses the file.
 *
 * Returns: %FALSE with a #GF_DATABASE_ERROR_CORRUPT error when the file is damaged
 */
gboolean
gf_database_check_file (const char    *path,
                        GCancellable  *cancellable,
                        GError       **error)
{
  sqlite3 *handle = NULL;
  gboolean ok;

  g_return_val_if_fail (path != NULL, FALSE);

  if (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), path, sqlite3_errmsg (handle));
      sqlite3_close (handle);
      return FALSE;
    }

  ok = !g_cancellable_set_error_if_cancelled (cancellable, error)
       && quick_check (handle, path, error);
  sqlite3_close (handle);

  return ok;
}
