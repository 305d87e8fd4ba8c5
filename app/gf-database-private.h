/* gf-database-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the store modules only (gf-database.c, gf-store*.c): the SQLite handle and cached
 * prepared statements. Nothing outside those files writes SQL.
 */

#pragma once

#include <sqlite3.h>

#include "gf-database.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

GfDatabase   *_gf_database_open_at_version (const char           *path,
                                           GfDatabaseOpenFlags   flags,
                                           int                   target_version,
                                           GError              **error);
sqlite3      *_gf_database_get_handle (GfDatabase   *self);
sqlite3_stmt *_gf_database_prepare    (GfDatabase   *self,
                                       const char   *sql,
                                       GError      **error);
sqlite3_stmt *_gf_database_prepare_literal (GfDatabase   *self,
                                           const char   *sql,
                                           GError      **error);
gboolean      _gf_database_step_done  (GfDatabase   *self,
                                       sqlite3_stmt *stmt,
                                       GError      **error);
gboolean      _gf_database_exec       (GfDatabase   *self,
                                       const char   *sql,
                                       GError      **error);
void          _gf_database_set_error  (GfDatabase   *self,
                                       GError      **error,
                                       const char   *context);

G_END_DECLS
