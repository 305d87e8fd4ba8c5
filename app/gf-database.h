/* gf-database.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GF_DATABASE_ERROR (gf_database_error_quark ())

typedef enum
{
  GF_DATABASE_ERROR_OPEN,         /* the file cannot be opened as a database */
  GF_DATABASE_ERROR_NOT_ATLAS,    /* an SQLite file of another application */
  GF_DATABASE_ERROR_TOO_NEW,      /* written by a newer version of Gongfu Atlas */
  GF_DATABASE_ERROR_CORRUPT,      /* the integrity check failed */
  GF_DATABASE_ERROR_READ_ONLY,    /* a write on a database opened read-only */
  GF_DATABASE_ERROR_MIGRATION,    /* an upgrade of the schema failed; the file is unchanged */
  GF_DATABASE_ERROR_QUERY,        /* SQLite refused a statement (constraint, I/O, …) */
} GfDatabaseError;

/**
 * GfReadOnlyReason:
 * @GF_READ_ONLY_NONE: the database is writable
 * @GF_READ_ONLY_FILE: the file or its folder cannot be written
 * @GF_READ_ONLY_LOCKED: another program holds the write lock
 * @GF_READ_ONLY_REQUESTED: the caller asked for read-only access
 *
 * Why a database was opened read-only; the window shows it in a banner.
 */
typedef enum
{
  GF_READ_ONLY_NONE,
  GF_READ_ONLY_FILE,
  GF_READ_ONLY_LOCKED,
  GF_READ_ONLY_REQUESTED,
} GfReadOnlyReason;

typedef enum
{
  GF_DATABASE_OPEN_DEFAULT   = 0,
  GF_DATABASE_OPEN_READ_ONLY = 1 << 0,
  /* Fail if the file does not exist instead of creating a new database. */
  GF_DATABASE_OPEN_EXISTING  = 1 << 1,
  /* Another connection of this process opened (and so checked) the file: skip the integrity
   * check. For the second connections of worker threads, which would otherwise read every
   * page of the file again on each open. */
  GF_DATABASE_OPEN_CHECKED   = 1 << 2,
} GfDatabaseOpenFlags;

#define GF_TYPE_DATABASE (gf_database_get_type ())

G_DECLARE_FINAL_TYPE (GfDatabase, gf_database, GF, DATABASE, GObject)

GQuark            gf_database_error_quark           (void);
GfDatabase       *gf_database_open                  (const char           *path,
                                                     GfDatabaseOpenFlags   flags,
                                                     GError              **error);
GfDatabase       *gf_database_open_reader           (const char           *path,
                                                     GError              **error);
const char       *gf_database_get_path              (GfDatabase           *self);
gboolean          gf_database_is_in_memory          (GfDatabase           *self);
gboolean          gf_database_is_read_only          (GfDatabase           *self);
GfReadOnlyReason  gf_database_get_read_only_reason  (GfDatabase           *self);
int               gf_database_get_schema_version    (GfDatabase           *self);
const char       *gf_database_get_backup_path       (GfDatabase           *self);
int               gf_database_latest_schema_version (void);
gboolean          gf_database_begin                 (GfDatabase           *self,
                                                     GError              **error);
gboolean          gf_database_commit                (GfDatabase           *self,
                                                     const char           *changed_table,
                                                     GError              **error);
void              gf_database_rollback              (GfDatabase           *self);
gboolean          gf_database_in_transaction        (GfDatabase           *self);
void              gf_database_emit_changed          (GfDatabase           *self,
                                                     const char           *table);
gboolean          gf_database_get_integrity_check_deferred (GfDatabase     *self);
gboolean          gf_database_check_file            (const char           *path,
                                                     GCancellable         *cancellable,
                                                     GError              **error);

G_END_DECLS
