/* gf-cli.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gongfu-atlas-cli: the core from a shell, for staff scripts and for tests from outside.
 * Errors go to stderr with exit status 1 (2 for a wrong command line); every write is one
 * transaction, so a failed command leaves the database as it was.
 */

#define G_LOG_DOMAIN "gf-cli"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "gf-check.h"
#include "gf-export.h"
#include "gf-import.h"
#include "gf-sample.h"
#include "gf-summary.h"

static int
usage (void)
{
  g_printerr ("%s\n",
              _("Usage:\n"
                "  gongfu-atlas-cli init [--sample] DB\n"
                "  gongfu-atlas-cli import DB KIND FILE [--gcj02]\n"
                "  gongfu-atlas-cli export DB KIND FILE\n"
                "  gongfu-atlas-cli check DB\n"
                "  gongfu-atlas-cli summary DB [--year YEAR] [--json]\n"
                "\n"
                "KIND is one of: district, towns, villages, clusters, cluster_members, alliances,\n"
                "organizations, organization_owners, alliance_members, sites, observations,\n"
                "tasks, activities, finance, talents, score_rules (CSV); boundaries, routes\n"
                "(GeoJSON)."));
  return 2;
}

static int
fail (const GError *error)
{
  g_printerr ("gongfu-atlas-cli: %s\n", error->message);
  return 1;
}

static gboolean
take_flag (GPtrArray  *args,
           const char *flag)
{
  for (guint i = 0; i < args->len; i++)
    if (g_str_equal (g_ptr_array_index (args, i), flag))
      {
        g_ptr_array_remove_index (args, i);
        return TRUE;
      }

  return FALSE;
}

static gboolean
take_option (GPtrArray   *args,
             const char  *option,
             char       **value)
{
  for (guint i = 0; i < args->len; i++)
    if (g_str_equal (g_ptr_array_index (args, i), option))
      {
        if (i + 1 >= args->len)
          return FALSE;
        *value = g_strdup (g_ptr_array_index (args, i + 1));
        g_ptr_array_remove_range (args, i, 2);
        return TRUE;
      }

  return TRUE;
}

static gboolean
parse_kind (const char    *text,
            GfImportKind  *kind)
{
  if (gf_import_kind_from_string (text, kind))
    return TRUE;

  g_printerr (_("gongfu-atlas-cli: unknown kind “%s”\n"), text);
  return FALSE;
}

static int
run_init (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  gboolean sample = take_flag (args, "--sample");
  const char *path;
  gboolean existed;

  if (args->len != 1)
    return usage ();
  path = g_ptr_array_index (args, 0);
  existed = g_file_test (path, G_FILE_TEST_EXISTS);

  db = gf_database_open (path, GF_DATABASE_OPEN_DEFAULT, &error);
  if (db == NULL)
    return fail (error);
  if (gf_database_is_read_only (db))
    {
      g_printerr (_("gongfu-atlas-cli: “%s” can only be read\n"), path);
      return 1;
    }

  if (sample && !gf_sample_load (db, NULL, NULL, NULL, &error))
    {
      /* A file this command created is removed again rather than left half-made. */
      g_clear_object (&db);
      if (!existed)
        {
          g_autofree char *wal = g_strconcat (path, "-wal", NULL);
          g_autofree char *shm = g_strconcat (path, "-shm", NULL);

          g_unlink (path);
          g_unlink (wal);
          g_unlink (shm);
        }
      return fail (error);
    }

  return 0;
}

static GfDatabase *
open_existing (const char  *path,
               gboolean     write,
               GError     **error)
{
  g_autoptr(GfDatabase) db = gf_database_open (path, GF_DATABASE_OPEN_EXISTING, error);

  if (db == NULL)
    return NULL;

  if (write && gf_database_is_read_only (db))
    {
      g_set_error (error, GF_DATABASE_ERROR, GF_DATABASE_ERROR_READ_ONLY,
                   gf_database_get_read_only_reason (db) == GF_READ_ONLY_LOCKED
                   ? _("“%s” is locked by another program; try again when it is closed")
                   : _("“%s” can only be read"), path);
      return NULL;
    }

  return g_steal_pointer (&db);
}

static int
run_import (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean gcj02 = take_flag (args, "--gcj02");
  GfImportKind kind;
  guint n = 0;

  if (args->len != 3)
    return usage ();
  if (!parse_kind (g_ptr_array_index (args, 1), &kind))
    return 2;

  db = open_existing (g_ptr_array_index (args, 0), TRUE, &error);
  if (db == NULL)
    return fail (error);

  file = g_file_new_for_commandline_arg (g_ptr_array_index (args, 2));
  if (!gf_import_file (db, kind, file, gcj02 ? GF_IMPORT_FLAGS_GCJ02 : GF_IMPORT_FLAGS_NONE,
                       &n, NULL, NULL, NULL, &error))
    return fail (error);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Imported %u record.\n", "Imported %u records.\n", n), n);
  return 0;
}

static int
run_export (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  GfImportKind kind;

  if (args->len != 3)
    return usage ();
  if (!parse_kind (g_ptr_array_index (args, 1), &kind))
    return 2;

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  file = g_file_new_for_commandline_arg (g_ptr_array_index (args, 2));
  if (!gf_export_file (db, kind, file, NULL, &error))
    return fail (error);

  return 0;
}

static int
run_check (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  gboolean has_errors = FALSE;

  if (args->len != 1)
    return usage ();

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  findings = gf_check_database (db, NULL, &error);
  if (findings == NULL)
    return fail (error);

  for (guint i = 0; i < findings->len; i++)
    {
      GfCheckFinding *finding = g_ptr_array_index (findings, i);

      g_print ("%s: %s\n", gf_check_severity_label (finding->severity), finding->message);
      has_errors |= finding->severity == GF_CHECK_ERROR;
    }

  if (findings->len == 0)
    g_print ("%s\n", _("No problems found."));

  /* Exit status 1 when the data has errors, so scripts can stop on a broken file. */
  return has_errors ? 1 : 0;
}

static int
run_summary (GPtrArray *args)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GfSummary) summary = NULL;
  g_autofree char *year_text = NULL;
  gboolean json = take_flag (args, "--json");
  int year = 0;

  if (!take_option (args, "--year", &year_text) || args->len != 1)
    return usage ();

  if (year_text != NULL)
    {
      gint64 parsed;

      if (!g_ascii_string_to_signed (year_text, 10, 1949, 2100, &parsed, NULL))
        {
          g_printerr (_("gongfu-atlas-cli: “%s” is not a year\n"), year_text);
          return 2;
        }
      year = (int) parsed;
    }

  db = open_existing (g_ptr_array_index (args, 0), FALSE, &error);
  if (db == NULL)
    return fail (error);

  summary = gf_summary_compute (db, year, &error);
  if (summary == NULL)
    return fail (error);

  if (json)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = gf_summary_to_json (summary);
      g_autofree char *text = NULL;

      json_generator_set_pretty (generator, TRUE);
      json_generator_set_root (generator, root);
      text = json_generator_to_data (generator, NULL);
      g_print ("%s\n", text);
    }
  else
    {
      g_autofree char *text = gf_summary_to_text (summary);
      g_print ("%s", text);
    }

  return 0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  const char *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    return usage ();

  command = argv[1];
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (args, argv[i]);

  if (g_str_equal (command, "init"))
    return run_init (args);
  if (g_str_equal (command, "import"))
    return run_import (args);
  if (g_str_equal (command, "export"))
    return run_export (args);
  if (g_str_equal (command, "check"))
    return run_check (args);
  if (g_str_equal (command, "summary"))
    return run_summary (args);
  if (g_str_equal (command, "--help") || g_str_equal (command, "-h"))
    {
      usage ();
      return 0;
    }

  return usage ();
}
