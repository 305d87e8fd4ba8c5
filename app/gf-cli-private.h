/* gf-cli-private.h
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of gongfu-atlas-cli share: the commands each file runs, and the helpers in
 * gf-cli.c that every command uses the same way (the exit statuses, opening the database,
 * options and the numbers, years and file names they carry).
 *
 * Where a command lives:
 *   gf-cli.c          main(), the table of commands, the usage text, these helpers
 *   gf-cli-data.c     init, import, export, check, summary, leaderboard
 *   gf-cli-map.c      render-map
 *   gf-cli-chart.c    render-chart, briefing, briefing-list, briefing-add
 *   gf-cli-layout.c   layout list|copy|assign|rename|current|delete|compare|check
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "gf-chart-render.h"
#include "gf-database.h"
#include "gf-import.h"

G_BEGIN_DECLS

/* Exit statuses: the data or a file is at fault, or the command line is. */
#define GF_CLI_EXIT_FAILURE 1
#define GF_CLI_EXIT_USAGE   2

/**
 * GfCliOpenFlags:
 * @GF_CLI_OPEN_READ: the database must exist; reading is enough
 * @GF_CLI_OPEN_WRITE: the database must exist and be writable
 * @GF_CLI_OPEN_CREATE: the database is created when missing, and must be writable
 */
typedef enum
{
  GF_CLI_OPEN_READ,
  GF_CLI_OPEN_WRITE,
  GF_CLI_OPEN_CREATE,
} GfCliOpenFlags;

/* The commands: each takes the arguments after its name and returns the exit status. */
int                gf_cli_run_init            (GPtrArray          *args);
int                gf_cli_run_import          (GPtrArray          *args);
int                gf_cli_run_export          (GPtrArray          *args);
int                gf_cli_run_check           (GPtrArray          *args);
int                gf_cli_run_summary         (GPtrArray          *args);
int                gf_cli_run_leaderboard     (GPtrArray          *args);
int                gf_cli_run_render_map      (GPtrArray          *args);
int                gf_cli_run_render_chart    (GPtrArray          *args);
int                gf_cli_run_briefing        (GPtrArray          *args);
int                gf_cli_run_briefing_list   (GPtrArray          *args);
int                gf_cli_run_briefing_add    (GPtrArray          *args);
int                gf_cli_run_layout          (GPtrArray          *args);

/* Exit statuses with a message on stderr. */
int                gf_cli_usage               (void);
int                gf_cli_fail                (int                 status,
                                               const char         *format,
                                               ...) G_GNUC_PRINTF (2, 3);
int                gf_cli_fail_error          (const GError       *error);

void               gf_cli_print_json          (JsonNode           *root);

/* Options; each takes what it finds out of @args. */
gboolean           gf_cli_take_flag           (GPtrArray          *args,
                                               const char         *flag);
gboolean           gf_cli_take_option         (GPtrArray          *args,
                                               const char         *option,
                                               char              **value);

GfDatabase        *gf_cli_open_database       (const char         *path,
                                               GfCliOpenFlags      flags);

/* Parsers: %FALSE after a message on stderr (the command then exits with 2). */
gboolean           gf_cli_parse_kind          (const char         *text,
                                               GfImportKind       *kind);
gboolean           gf_cli_parse_number        (const char         *text,
                                               const char         *option,
                                               gint64              min,
                                               gint64              max,
                                               gint64             *value);
gboolean           gf_cli_parse_year          (const char         *text,
                                               int                *year);
gboolean           gf_cli_parse_years         (const char         *text,
                                               int                *first_year,
                                               int                *last_year);
gboolean           gf_cli_parse_layers        (const char         *text,
                                               guint              *layers);
gboolean           gf_cli_parse_color_by      (const char         *text,
                                               char              **indicator,
                                               int                *year);
gboolean           gf_cli_parse_output        (const char         *path,
                                               GfChartFormat      *format);

/**
 * GfCliChartFile:
 * @path: (nullable): the value of --output
 * @format: its format, from its name
 * @width, @height: --width and --height, CSS pixels (default 1280 × 720)
 * @dpi: --dpi, for PNG (default 96)
 *
 * Where and how big a command writes a chart.
 */
typedef struct
{
  char              *path;
  GfChartFormat      format;
  gint64             width;
  gint64             height;
  gint64             dpi;
  char              *width_text;
  char              *height_text;
  char              *dpi_text;
} GfCliChartFile;

gboolean           gf_cli_take_chart_file     (GPtrArray          *args,
                                               GfCliChartFile     *file);
gboolean           gf_cli_parse_chart_file    (GfCliChartFile     *file);
int                gf_cli_write_chart_file    (GfDatabase         *db,
                                               GfChartSpec        *spec,
                                               const GfCliChartFile *file);
void               gf_cli_chart_file_clear    (GfCliChartFile     *file);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GfCliChartFile, gf_cli_chart_file_clear)

G_END_DECLS
