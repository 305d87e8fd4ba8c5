/* gf-leaderboard-page.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The leaderboard (比拼晾晒): the clusters of the current layout ranked on the score rules of
 * the database, for the window's year, as leaders show it in briefings. One row per cluster:
 * its rank (the first three set apart by a filled badge and bold type, not by colour alone),
 * colour, name, score, change of rank since the year before, and what the score is made of:
 * task progress, activity and the growth of each scored indicator.
 *
 * The ranking is computed by gf_leaderboard_compute() in a worker with its own read-only
 * connection, again whenever the window hands over a new summary (a change of the database or
 * of the year). A newer computation cancels the one before, and results of a cancelled or
 * superseded one are dropped; the worker holds the page weakly, so closing the window does not
 * wait for it.
 *
 * The rows are a GtkListBox rather than a GtkColumnView: GTK 4.8 gives a column view's rows no
 * accessible name, and a briefing's listener must hear "1. 源头共富, 86.4 points, up 2". The
 * columns line up because the header and every row lay their cells out in shared widths, each
 * column as wide as its widest cell (GtkSizeGroup would measure every peer again for each cell
 * of each of 240 rows).
 */

#define G_LOG_DOMAIN "gf-leaderboard-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "gf-accessible.h"
#include "gf-add-slide-dialog.h"
#include "gf-briefing-window.h"
#include "gf-chart-export.h"
#include "gf-leaderboard.h"
#include "gf-leaderboard-page.h"
#include "gf-map-util.h"
#include "gf-number-format.h"
#include "gf-store.h"
#include "gf-window.h"

/* What the cells of a column show. */
typedef enum
{
  COLUMN_RANK,
  COLUMN_SWATCH,
  COLUMN_NAME,
  COLUMN_BAR,
  COLUMN_SCORE,
  COLUMN_CHANGE,
  COLUMN_TASKS,
  COLUMN_ACTIVITY,
  COLUMN_GROWTH,
} ColumnKind;

typedef struct
{
  ColumnKind  kind;
  guint       rule;    /* the rule whose points and growth the column shows */
} Column;

/* The widths of the columns, shared by the header and the rows: each column is as wide as
 * its widest cell, and the name column takes what is left. They are measured during the first
 * layout, when the cells have their style (a cell measured as soon as it is made has not). */
typedef struct
{
  grefcount   ref;
  GPtrArray  *rows;          /* GfLeaderboardCells, borrowed: emptied before they go */
  guint       n_columns;
  guint       name_column;
  int        *widths;
  gboolean    valid;
} ColumnWidths;

/* The cells of the header or of a row, laid out in the shared widths. */
#define GF_TYPE_LEADERBOARD_CELLS (gf_leaderboard_cells_get_type ())
G_DECLARE_FINAL_TYPE (GfLeaderboardCells, gf_leaderboard_cells, GF, LEADERBOARD_CELLS, GtkWidget)

struct _GfLeaderboardCells
{
  GtkWidget     parent_instance;
  ColumnWidths *widths;
};

G_DEFINE_FINAL_TYPE (GfLeaderboardCells, gf_leaderboard_cells, GTK_TYPE_WIDGET)

#define SWATCH_SIZE 14
#define COLUMN_SPACING 14
#define BAR_WIDTH 88
#define TOP_RANKS 3
#define DASH "\xe2\x80\x94"

struct _GfLeaderboardPage
{
  GtkWidget      parent_instance;

  /* Template widgets */
  GtkStack      *stack;
  AdwStatusPage *status_page;
  GtkLabel      *title_label;
  GtkButton     *add_button;
  GtkLabel      *rules_label;
  GtkLabel      *info_label;
  GtkLabel      *note_label;
  GtkBox        *header_box;
  GtkListBox    *list_box;

  /* Owned */
  GfDatabase    *database;
  GfLeaderboard *board;         /* the ranking shown, for export and slides */
  GCancellable  *cancellable;   /* the ranking being computed */
  GArray        *columns;       /* Column, of the ranking shown */
  ColumnWidths  *widths;        /* of the ranking shown */
};

G_DEFINE_FINAL_TYPE (GfLeaderboardPage, gf_leaderboard_page, GTK_TYPE_WIDGET)

/* Column widths */

static ColumnWidths *
column_widths_new (GArray *columns)
{
  ColumnWidths *widths = g_new0 (ColumnWidths, 1);

  g_ref_count_init (&widths->ref);
  widths->rows = g_ptr_array_new ();
  widths->n_columns = columns->len;
  widths->widths = g_new0 (int, columns->len);
  widths->name_column = G_MAXUINT;
  for (guint c = 0; c < columns->len; c++)
    if (g_array_index (columns, Column, c).kind == COLUMN_NAME)
      widths->name_column = c;

  return widths;
}

static ColumnWidths *
column_widths_ref (ColumnWidths *widths)
{
  g_ref_count_inc (&widths->ref);

  return widths;
}

static void
column_widths_unref (ColumnWidths *widths)
{
  if (!g_ref_count_dec (&widths->ref))
    return;

  g_ptr_array_unref (widths->rows);
  g_free (widths->widths);
  g_free (widths);
}

/* Measures every cell once; later measures of any row reuse the widths. */
static void
column_widths_ensure (ColumnWidths *widths)
{
  if (widths->valid)
    return;

  memset (widths->widths, 0, widths->n_columns * sizeof (int));
  for (guint r = 0; r < widths->rows->len; r++)
    {
      GtkWidget *child = gtk_widget_get_first_child (g_ptr_array_index (widths->rows, r));

      for (guint c = 0; child != NULL && c < widths->n_columns;
           c++, child = gtk_widget_get_next_sibling (child))
        {
          int natural = 0;

          if (c == widths->name_column)
            continue;
          gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
          widths->widths[c] = MAX (widths->widths[c], natural);
        }
    }
  widths->valid = TRUE;
}

/* Measured again with the next layout, when the fonts changed. */
static void
column_widths_invalidate (ColumnWidths *widths)
{
  widths->valid = FALSE;
  for (guint r = 0; r < widths->rows->len; r++)
    gtk_widget_queue_resize (g_ptr_array_index (widths->rows, r));
}

static int
column_widths_fixed (ColumnWidths *widths)
{
  int total = COLUMN_SPACING * (MAX (widths->n_columns, 1) - 1);

  column_widths_ensure (widths);
  for (guint c = 0; c < widths->n_columns; c++)
    total += widths->widths[c];

  return total;
}

/* GfLeaderboardCells */

static GtkWidget *
cells_get_name (GfLeaderboardCells *self)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self));

  for (guint c = 0; child != NULL && c < self->widths->name_column; c++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

static void
gf_leaderboard_cells_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  GfLeaderboardCells *self = GF_LEADERBOARD_CELLS (widget);

  *minimum = *natural = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      GtkWidget *name = cells_get_name (self);
      int fixed = column_widths_fixed (self->widths), name_min = 0, name_nat = 0;

      if (name != NULL)
        gtk_widget_measure (name, orientation, -1, &name_min, &name_nat, NULL, NULL);
      *minimum = fixed + name_min;
      *natural = fixed + name_nat;
      return;
    }

  /* No cell wraps: their heights do not depend on their widths. */
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
gf_leaderboard_cells_size_allocate (GtkWidget *widget,
                                    int        width,
                                    int        height,
                                    int        baseline)
{
  GfLeaderboardCells *self = GF_LEADERBOARD_CELLS (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int fixed = column_widths_fixed (self->widths), x = 0;
  guint c = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child), c++)
    {
      int w = c < self->widths->n_columns ? self->widths->widths[c] : 0;

      if (c == self->widths->name_column)
        w = MAX (width - fixed, 0);
      gtk_widget_size_allocate (child,
                                &(GtkAllocation) { rtl ? width - x - w : x, 0, w, height },
                                -1);
      x += w + COLUMN_SPACING;
    }
}

static void
gf_leaderboard_cells_dispose (GObject *object)
{
  GfLeaderboardCells *self = GF_LEADERBOARD_CELLS (object);
  GtkWidget *child;

  if (self->widths != NULL)
    g_ptr_array_remove_fast (self->widths->rows, self);
  g_clear_pointer (&self->widths, column_widths_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (gf_leaderboard_cells_parent_class)->dispose (object);
}

static void
gf_leaderboard_cells_class_init (GfLeaderboardCellsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_leaderboard_cells_dispose;
  widget_class->measure = gf_leaderboard_cells_measure;
  widget_class->size_allocate = gf_leaderboard_cells_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "cells");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GENERIC);
}

static void
gf_leaderboard_cells_init (GfLeaderboardCells *self)
{
}

static GtkWidget *
cells_new (ColumnWidths *widths)
{
  GfLeaderboardCells *self = g_object_new (GF_TYPE_LEADERBOARD_CELLS, NULL);

  self->widths = column_widths_ref (widths);
  g_ptr_array_add (widths->rows, self);
  widths->valid = FALSE;

  return GTK_WIDGET (self);
}

/* Helpers */

/* The name of a growth rule's indicator in the language of the interface. */
static const char *
rule_indicator_name (const GfScoreRule *rule)
{
  const char *zh = rule->indicator_name_zh, *en = rule->indicator_name_en;

  if (zh != NULL && *zh != '\0' && (gf_map_util_prefer_chinese () || en == NULL || *en == '\0'))
    return zh;
  if (en != NULL && *en != '\0')
    return en;

  return rule->indicator_code != NULL ? rule->indicator_code : "";
}

/* "82 %", or with @sign "+12.3 %"; a dash for a missing number. */
static char *
format_percent (double   value,
                int      decimals,
                gboolean sign)
{
  g_autofree char *number = gf_number_format_grouped (value, decimals);

  if (!isfinite (value))
    return g_steal_pointer (&number);

  if (sign && number[0] != '-' && strpbrk (number, "123456789") != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&number);

      number = g_strconcat ("+", plain, NULL);
    }

  /* Translators: a percentage, as the leaderboard shows task progress and growth, e.g. "82 %"
   * or "+12.3 %"; write it as your language does (Chinese without the space) */
  return g_strdup_printf (_("%s %%"), number);
}

static char *
format_points (double points)
{
  g_autofree char *number = gf_number_format_grouped (points, 1);

  /* Translators: the points (0–100) a cluster earned on one rule, e.g. "82.0 points" */
  return g_strdup_printf (_("%s points"), number);
}

static void
show_empty (GfLeaderboardPage *self,
            const char        *title,
            const char        *description)
{
  adw_status_page_set_title (self->status_page, title);
  adw_status_page_set_description (self->status_page, description);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* Ranking */

typedef struct
{
  char          *path;
  int            year;
  gint64         layout_id;   /* the current layout, as the run found it; 0 for none */
  gboolean       no_rules;    /* no rule with a weight to score on */
  GfLeaderboard *board;
  GWeakRef       page;        /* a worker does not keep the page alive */
} BoardJob;

static void
board_job_free (BoardJob *job)
{
  g_free (job->path);
  g_clear_pointer (&job->board, gf_leaderboard_free);
  g_weak_ref_clear (&job->page);
  g_free (job);
}

static gboolean
board_job_run (BoardJob      *job,
               GfDatabase    *db,
               GCancellable  *cancellable,
               GError       **error)
{
  if (!gf_store_current_layout (db, &job->layout_id, error))
    return FALSE;
  if (job->layout_id == 0)
    return TRUE;

  job->board = gf_leaderboard_compute (db, job->layout_id, job->year, cancellable, error);
  if (job->board == NULL)
    return FALSE;

  /* The board keeps only the rules that weigh anything. */
  job->no_rules = job->board->rules->len == 0;

  return TRUE;
}

static void
board_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BoardJob *job = task_data;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  db = gf_database_open_reader (job->path, &error);
  if (db != NULL && board_job_run (job, db, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The header's cells. */

/* A long heading in two balanced lines, broken where the language allows it (and not after a
 * hyphen), so that a growth column stays narrow. Headings up to 28 columns wide (14 Han
 * characters) stay on one line, so that a Chinese indicator name is not cut in two. The cells
 * do not wrap by themselves, so that the columns' widths do not depend on the rows' heights. */
static char *
balance_heading (const char *text)
{
  glong n_chars = g_utf8_strlen (text, -1);
  g_autofree PangoLogAttr *attrs = NULL;
  g_autofree int *offsets = NULL;
  g_autofree char *first = NULL;
  int columns = 0, best = -1;
  const char *p;
  glong i;

  offsets = g_new0 (int, n_chars + 1);
  for (p = text, i = 0; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      offsets[i] = columns;
      columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
    }
  offsets[n_chars] = columns;
  if (columns <= 28)
    return g_strdup (text);

  attrs = g_new0 (PangoLogAttr, n_chars + 1);
  pango_get_log_attrs (text, -1, -1, pango_language_get_default (), attrs, n_chars + 1);
  /* Between words where there are spaces ("Growth of 村级集体经济经营性收入" keeps the name
   * whole), else wherever a line may break. */
  for (int pass = 0; pass < 2 && best < 0; pass++)
    for (i = 1; i < n_chars; i++)
      {
        gunichar before = g_utf8_get_char (g_utf8_offset_to_pointer (text, i - 1));

        if (!attrs[i].is_line_break || before == '-'
            || (pass == 0 && !g_unichar_isspace (before)))
          continue;
        if (best < 0 || ABS (offsets[i] - columns / 2) < ABS (offsets[best] - columns / 2))
          best = i;
      }
  if (best < 0)
    return g_strdup (text);

  p = g_utf8_offset_to_pointer (text, best);
  first = g_strchomp (g_strndup (text, p - text));

  return g_strconcat (first, "\n", p, NULL);
}

static GtkWidget *
header_label (const char *text,
              float       xalign)
{
  g_autofree char *balanced = balance_heading (text);
  GtkWidget *label = gtk_label_new (balanced);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_justify (GTK_LABEL (label), xalign > 0.5 ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_add_css_class (label, "caption-heading");
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
header_cell (const Column      *column,
             const GfScoreRule *rule)
{
  g_autofree char *growth = NULL;
  GtkWidget *label;

  switch (column->kind)
    {
    case COLUMN_RANK:
      /* Translators: a column heading of the leaderboard */
      label = header_label (_("Rank"), 0.5);
      gtk_widget_set_halign (label, GTK_ALIGN_CENTER);
      return label;
    case COLUMN_NAME:
      /* Translators: a column heading of the leaderboard */
      return header_label (C_("leaderboard", "Cluster"), 0);
    case COLUMN_SCORE:
      /* Translators: a column heading of the leaderboard: the total score, 0–100 */
      return header_label (C_("leaderboard", "Score"), 1);
    case COLUMN_CHANGE:
      /* Translators: a column heading of the leaderboard: the change of rank since the year
       * before */
      return header_label (C_("leaderboard", "Change"), 1);
    case COLUMN_TASKS:
      /* Translators: a column heading of the leaderboard: the mean progress of the tasks */
      return header_label (C_("leaderboard", "Tasks"), 1);
    case COLUMN_ACTIVITY:
      /* Translators: a column heading of the leaderboard: the number of activities */
      return header_label (C_("leaderboard", "Activities"), 1);
    case COLUMN_GROWTH:
      /* Translators: a column heading of the leaderboard; %s is an indicator, e.g. "Growth of
       * collective operating income" (村级集体经济经营性收入增速) */
      growth = g_strdup_printf (_("Growth of %s"), rule_indicator_name (rule));
      return header_label (growth, 1);
    case COLUMN_SWATCH:
    case COLUMN_BAR:
    default:
      return header_label ("", 0);
    }
}

/* The rows' cells. */

#define TOOLTIP_KEY "gf-leaderboard-tooltip"

/* A cell's tooltip, shown by list_box_query_tooltip_cb(): a tooltip of its own costs a cell
 * 0.2 ms, a second for a board of 240 clusters. */
static void
set_cell_tooltip (GtkWidget  *cell,
                  const char *text)
{
  g_object_set_data_full (G_OBJECT (cell), TOOLTIP_KEY, g_strdup (text), g_free);
}

static GtkWidget *
number_label (const char *text,
              const char *tooltip)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "gf-leaderboard-page-number");
  if (tooltip != NULL)
    set_cell_tooltip (label, tooltip);

  return label;
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const GdkRGBA *color = user_data;
  double size = MIN (width, height), x = (width - size) / 2, y = (height - size) / 2;
  double r = 3;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + size - r, y + size - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + size - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill_preserve (cr);
  /* A hairline keeps pale colours visible on a light row. */
  cairo_set_source_rgba (cr, 0, 0, 0, 0.2);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
}

static GtkWidget *
swatch_cell (const GfLeaderboardEntry *entry)
{
  GtkWidget *area = gtk_drawing_area_new ();
  GdkRGBA color;

  if (entry->color == NULL || !gdk_rgba_parse (&color, entry->color))
    gdk_rgba_parse (&color, "#9a9996");

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), SWATCH_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), SWATCH_SIZE);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch,
                                  g_memdup2 (&color, sizeof color), g_free);
  /* The row's name says which cluster it is; the colour is the map's, for the eye. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return area;
}

static GtkWidget *
bar_cell (const GfLeaderboardEntry *entry)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);

  /* One colour for every score: the offsets would colour low scores as warnings. */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), isfinite (entry->score)
                                                ? CLAMP (entry->score, 0, 100) : 0);
  gtk_widget_set_size_request (bar, BAR_WIDTH, -1);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  /* The score beside it says the same in words. */
  gtk_accessible_update_state (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);

  return bar;
}

static GtkWidget *
change_cell (const GfLeaderboard      *board,
             const GfLeaderboardEntry *entry)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *label;
  const char *style = NULL;
  int change;

  if (!board->has_previous)
    return number_label ("", NULL);

  if (entry->previous_rank == 0)
    {
      /* Translators: tooltip of "New" in the leaderboard; %d is the year before */
      tooltip = g_strdup_printf (_("Not ranked in %d"), board->year - 1);
      /* Translators: in the leaderboard's Change column: a cluster not ranked the year
       * before */
      label = number_label (C_("rank change", "New"), tooltip);
      gtk_widget_add_css_class (label, "gf-leaderboard-page-new");
      return label;
    }

  change = gf_leaderboard_rank_change (entry);
  if (change > 0)
    {
      text = g_strdup_printf ("\xe2\x96\xb2%d", change);   /* ▲ */
      style = "gf-leaderboard-page-up";
    }
  else if (change < 0)
    {
      text = g_strdup_printf ("\xe2\x96\xbc%d", -change);  /* ▼ */
      style = "gf-leaderboard-page-down";
    }
  else
    {
      text = g_strdup (DASH);
      style = "dim-label";
    }

  /* Translators: tooltip of a rank change in the leaderboard: the rank the year before, e.g.
   * "Rank 3 in 2024" */
  tooltip = g_strdup_printf (_("Rank %u in %d"), entry->previous_rank, board->year - 1);
  label = number_label (text, tooltip);
  gtk_widget_add_css_class (label, style);

  return label;
}

static GtkWidget *
tasks_cell (const GfLeaderboard      *board,
            const GfLeaderboardEntry *entry,
            guint                     rule)
{
  g_autofree char *progress = NULL;
  g_autofree char *points = format_points (entry->points[rule]);
  g_autofree char *tooltip = NULL;
  GtkWidget *label;

  if (entry->n_tasks == 0 || !isfinite (entry->task_progress))
    {
      /* Translators: tooltip of "No tasks" in the leaderboard; %d is the year */
      tooltip = g_strdup_printf (_("No tasks in %d"), board->year);
      /* Translators: in the leaderboard's Tasks column, for a cluster without tasks */
      label = number_label (_("No tasks"), tooltip);
      gtk_widget_add_css_class (label, "dim-label");
      return label;
    }

  progress = format_percent (entry->task_progress, 0, FALSE);
  /* Translators: tooltip of the task progress in the leaderboard: the number of tasks, the
   * year, and the points earned, e.g. "5 tasks in 2025, 82.0 points" */
  tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u task in %d, %s",
                                          "%u tasks in %d, %s", entry->n_tasks),
                             entry->n_tasks, board->year, points);

  return number_label (progress, tooltip);
}

static GtkWidget *
growth_cell (const GfLeaderboardEntry *entry,
             guint                     rule)
{
  g_autofree char *text = format_percent (entry->growth[rule], 1, TRUE);
  g_autofree char *tooltip = format_points (entry->points[rule]);
  GtkWidget *label = number_label (text, tooltip);

  if (!isfinite (entry->growth[rule]))
    gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static GtkWidget *
row_cell (const Column             *column,
          const GfLeaderboard      *board,
          const GfLeaderboardEntry *entry)
{
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  GtkWidget *label;

  switch (column->kind)
    {
    case COLUMN_RANK:
      text = g_strdup_printf ("%u", entry->rank);
      label = gtk_label_new (text);
      gtk_widget_set_halign (label, GTK_ALIGN_CENTER);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "gf-leaderboard-page-rank");
      gtk_widget_add_css_class (label, "gf-leaderboard-page-number");
      return label;

    case COLUMN_SWATCH:
      return swatch_cell (entry);

    case COLUMN_NAME:
      label = gtk_label_new (entry->name);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      set_cell_tooltip (label, entry->name);
      gtk_widget_add_css_class (label, "gf-leaderboard-page-name");
      return label;

    case COLUMN_BAR:
      return bar_cell (entry);

    case COLUMN_SCORE:
      text = gf_number_format_grouped (entry->score, 1);
      label = number_label (text, NULL);
      gtk_widget_add_css_class (label, "gf-leaderboard-page-score");
      return label;

    case COLUMN_CHANGE:
      return change_cell (board, entry);

    case COLUMN_TASKS:
      return tasks_cell (board, entry, column->rule);

    case COLUMN_ACTIVITY:
      text = gf_number_format_grouped ((double) entry->activity_count, 0);
      tooltip = format_points (entry->points[column->rule]);
      return number_label (text, tooltip);

    case COLUMN_GROWTH:
    default:
      return growth_cell (entry, column->rule);
    }
}

/* "up 2", "down 1", "unchanged", "new", or NULL when there is nothing to compare with. */
static char *
describe_change (const GfLeaderboard      *board,
                 const GfLeaderboardEntry *entry)
{
  int change;

  if (!board->has_previous)
    return NULL;
  if (entry->previous_rank == 0)
    /* Translators: spoken for a cluster of the leaderboard not ranked the year before */
    return g_strdup (C_("rank change", "new"));

  change = gf_leaderboard_rank_change (entry);
  if (change > 0)
    /* Translators: spoken for a cluster of the leaderboard that moved up, e.g. "up 2" */
    return g_strdup_printf (C_("rank change", "up %d"), change);
  if (change < 0)
    /* Translators: spoken for a cluster of the leaderboard that moved down, e.g. "down 1" */
    return g_strdup_printf (C_("rank change", "down %d"), -change);

  /* Translators: spoken for a cluster of the leaderboard that kept its rank */
  return g_strdup (C_("rank change", "unchanged"));
}

/* What a screen reader says for a row: "1. 源头共富, 86.4 points, up 2", and as its description
 * what the score is made of. */
static void
describe_row (GtkWidget                *row,
              const GfLeaderboard      *board,
              const GfLeaderboardEntry *entry,
              GArray                   *columns)
{
  g_autofree char *score = gf_number_format_grouped (entry->score, 1);
  g_autofree char *change = describe_change (board, entry);
  g_autofree char *label = NULL;
  g_autoptr(GString) description = g_string_new (NULL);

  if (change != NULL)
    /* Translators: a row of the leaderboard as a screen reader says it: the rank, the cluster,
     * the score and the change of rank, e.g. "1. 源头共富, 86.4 points, up 2" */
    label = g_strdup_printf (_("%u. %s, %s points, %s"), entry->rank, entry->name, score, change);
  else
    /* Translators: a row of the leaderboard as a screen reader says it: the rank, the cluster
     * and the score, e.g. "1. 源头共富, 86.4 points" */
    label = g_strdup_printf (_("%u. %s, %s points"), entry->rank, entry->name, score);

  for (guint c = 0; c < columns->len; c++)
    {
      const Column *column = &g_array_index (columns, Column, c);
      g_autofree char *part = NULL;
      g_autofree char *value = NULL;

      switch (column->kind)
        {
        case COLUMN_TASKS:
          if (entry->n_tasks == 0 || !isfinite (entry->task_progress))
            {
              part = g_strdup (_("No tasks"));
              break;
            }
          value = format_percent (entry->task_progress, 0, FALSE);
          /* Translators: part of a leaderboard row's description, e.g. "tasks 82 %" */
          part = g_strdup_printf (_("tasks %s"), value);
          break;
        case COLUMN_ACTIVITY:
          value = gf_number_format_grouped ((double) entry->activity_count, 0);
          /* Translators: part of a leaderboard row's description, e.g. "activities 45" */
          part = g_strdup_printf (_("activities %s"), value);
          break;
        case COLUMN_GROWTH:
          value = format_percent (entry->growth[column->rule], 1, TRUE);
          /* Translators: part of a leaderboard row's description: an indicator's growth, e.g.
           * "growth of collective operating income +12.3 %" */
          part = g_strdup_printf (_("growth of %s %s"),
                                  rule_indicator_name (g_ptr_array_index (board->rules,
                                                                          column->rule)),
                                  value);
          break;
        case COLUMN_RANK:
        case COLUMN_SWATCH:
        case COLUMN_NAME:
        case COLUMN_BAR:
        case COLUMN_SCORE:
        case COLUMN_CHANGE:
        default:
          break;
        }

      if (part != NULL)
        {
          if (description->len > 0)
            g_string_append (description, ", ");
          g_string_append (description, part);
        }
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str,
                                  -1);
}

/* Columns */

static void
add_column (GArray     *columns,
            ColumnKind  kind,
            guint       rule)
{
  Column column = { kind, rule };

  g_array_append_val (columns, column);
}

/* The columns of @board: the task and activity columns when a rule scores them, and one for
 * each growth rule, in the rules' order. */
static GArray *
make_columns (const GfLeaderboard *board)
{
  GArray *columns = g_array_new (FALSE, TRUE, sizeof (Column));
  gboolean tasks = FALSE, activity = FALSE;

  add_column (columns, COLUMN_RANK, 0);
  add_column (columns, COLUMN_SWATCH, 0);
  add_column (columns, COLUMN_NAME, 0);
  add_column (columns, COLUMN_BAR, 0);
  add_column (columns, COLUMN_SCORE, 0);
  add_column (columns, COLUMN_CHANGE, 0);

  for (guint i = 0; i < board->rules->len; i++)
    {
      const GfScoreRule *rule = g_ptr_array_index (board->rules, i);

      if (rule->component == GF_SCORE_TASK && !tasks)
        {
          add_column (columns, COLUMN_TASKS, i);
          tasks = TRUE;
        }
      else if (rule->component == GF_SCORE_ACTIVITY && !activity)
        {
          add_column (columns, COLUMN_ACTIVITY, i);
          activity = TRUE;
        }
      else if (rule->component == GF_SCORE_GROWTH)
        {
          add_column (columns, COLUMN_GROWTH, i);
        }
    }

  return columns;
}

/* Showing a ranking */

/* Export, printing and slides need a ranking on screen. */
static void
update_actions (GfLeaderboardPage *self)
{
  gboolean shown = self->board != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leaderboard.export", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leaderboard.print", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leaderboard.present",
                                 shown && self->database != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "leaderboard.add-to-briefing",
                                 shown && self->database != NULL);
}

/* The ranking shown as the core draws it for files and slides, indicators named as on the
 * page. */
static GfChartSpec *
board_chart (GfLeaderboardPage *self)
{
  return gf_leaderboard_to_chart (self->board, gf_map_util_prefer_chinese ());
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GfLeaderboardPage *self = GF_LEADERBOARD_PAGE (widget);
  g_autoptr(GfChartSpec) spec = NULL;
  g_autofree char *stem = NULL;
  GfChartFormat format;

  if (self->board == NULL
      || !gf_chart_format_from_string (g_variant_get_string (parameter, NULL), &format))
    return;

  spec = board_chart (self);
  /* Translators: the name offered for an exported leaderboard; %d is the year */
  stem = g_strdup_printf (_("cluster-competition-%d"), self->board->year);
  gf_chart_export_choose_file (widget, spec, format, stem);
}

static void
print_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  GfLeaderboardPage *self = GF_LEADERBOARD_PAGE (widget);
  g_autoptr(GfChartSpec) spec = NULL;

  if (self->board == NULL)
    return;

  spec = board_chart (self);
  gf_chart_export_print_dialog (widget, spec);
}

/* The ranking alone, full screen, as the briefings present it: a briefing of one slide that
 * is not stored, opened on that slide. */
static void
present_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GfLeaderboardPage *self = GF_LEADERBOARD_PAGE (widget);
  g_autoptr(GfBriefing) briefing = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GfBriefingWindow *presenter;

  if (self->board == NULL || self->database == NULL)
    return;

  /* Translators: the name of a presentation of the ranking alone; %d is the year */
  name = g_strdup_printf (_("Cluster Competition %d"), self->board->year);
  briefing = gf_briefing_new (name);
  g_ptr_array_add (briefing->slides, gf_slide_new_leaderboard (self->board->year, NULL));

  presenter = gf_briefing_window_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->database, briefing, &error);
  if (presenter == NULL)
    {
      g_message ("Cannot present the ranking: %s", error->message);
      return;
    }

  gf_briefing_window_set_page (presenter, 1);
  gtk_window_present (GTK_WINDOW (presenter));
}

static void
add_to_briefing_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GfLeaderboardPage *self = GF_LEADERBOARD_PAGE (widget);
  g_autoptr(GfSlide) slide = NULL;

  if (self->board == NULL || self->database == NULL)
    return;

  slide = gf_slide_new_leaderboard (self->board->year, NULL);
  gf_add_slide_dialog_present (widget, self->database, slide);
}

static void
clear_rows (GfLeaderboardPage *self)
{
  GtkWidget *child;

  /* Rows that go are not measured any more. */
  if (self->widths != NULL)
    g_ptr_array_set_size (self->widths->rows, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->header_box))) != NULL)
    gtk_box_remove (self->header_box, child);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->widths, column_widths_unref);
  g_clear_pointer (&self->board, gf_leaderboard_free);
  update_actions (self);
}

/* "Score: tasks 40 % · activity 20 % · growth of 村级集体经济经营性收入 25 % · …", in the
 * order of the rules, with the indicators named in the language of the interface. */
static void
show_rules (GfLeaderboardPage   *self,
            const GfLeaderboard *board)
{
  g_autofree char *text = gf_leaderboard_describe_rules (board, gf_map_util_prefer_chinese ());

  gtk_label_set_label (self->rules_label, text);
}

static void
show_note (GfLeaderboardPage   *self,
           const GfLeaderboard *board)
{
  g_autofree char *ranked = NULL;
  g_autofree char *compared = NULL;
  g_autofree char *text = NULL;
  guint n = board->entries->len;

  /* Translators: under the leaderboard's title */
  ranked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u cluster of the current layout is ranked.",
                                         "%u clusters of the current layout are ranked.", n),
                            n);
  if (board->has_previous)
    /* Translators: under the leaderboard's title; %d is the year before */
    compared = g_strdup_printf (_("Changes of rank are against %d."), board->year - 1);
  else
    /* Translators: under the leaderboard's title; %d is the year before */
    compared = g_strdup_printf (_("There is no ranking of %d to compare with."),
                                board->year - 1);

  /* Translators: two sentences under the leaderboard's title; in Chinese join them without a
   * space */
  text = g_strdup_printf (C_("two sentences", "%s %s"), ranked, compared);
  gtk_label_set_label (self->note_label, text);
}

static void
show_board (GfLeaderboardPage   *self,
            const GfLeaderboard *board)
{
  g_autofree char *title = NULL;
  GtkWidget *header;

  clear_rows (self);

  /* Translators: the leaderboard's title; %d is the year, e.g. 2025 年比拼晾晒 */
  title = g_strdup_printf (_("Cluster Competition %d"), board->year);
  gtk_label_set_label (self->title_label, title);
  show_rules (self, board);
  show_note (self, board);

  self->columns = make_columns (board);
  self->widths = column_widths_new (self->columns);

  header = cells_new (self->widths);
  gtk_widget_set_hexpand (header, TRUE);
  gtk_widget_add_css_class (header, "gf-leaderboard-page-cells");
  for (guint c = 0; c < self->columns->len; c++)
    {
      const Column *column = &g_array_index (self->columns, Column, c);

      gtk_widget_set_parent (header_cell (column, g_ptr_array_index (board->rules, column->rule)),
                             header);
    }
  gtk_box_append (self->header_box, header);

  for (guint i = 0; i < board->entries->len; i++)
    {
      const GfLeaderboardEntry *entry = g_ptr_array_index (board->entries, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *cells = cells_new (self->widths);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "gf-leaderboard-page-row");
      gtk_widget_add_css_class (cells, "gf-leaderboard-page-cells");
      if (entry->rank > 0 && entry->rank <= TOP_RANKS)
        gtk_widget_add_css_class (row, "gf-leaderboard-page-top");

      for (guint c = 0; c < self->columns->len; c++)
        gtk_widget_set_parent (row_cell (&g_array_index (self->columns, Column, c), board, entry),
                               cells);

      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), cells);
      describe_row (row, board, entry, self->columns);
      gtk_list_box_append (self->list_box, row);
    }

  gtk_stack_set_visible_child_name (self->stack, "board");
}

static void
board_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  BoardJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GfLeaderboardPage) self = g_weak_ref_get (&job->page);
  g_autoptr(GError) error = NULL;

  /* The page is gone, or a newer computation superseded this one. */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->cancellable)
    return;
  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_message ("Cannot rank the clusters: %s", error->message);
      clear_rows (self);
      show_empty (self, _("Could Not Rank the Clusters"), error->message);
    }
  else if (job->no_rules)
    {
      clear_rows (self);
      show_empty (self, _("No Scoring Rules"),
                  _("Import score_rules.csv (Import… in the main menu) to set how completed "
                    "tasks, growth of the indicators and activity are weighted in the "
                    "score."));
    }
  else if (job->board == NULL || job->board->entries->len == 0)
    {
      clear_rows (self);
      show_empty (self, _("No Clusters to Rank"),
                  _("The current layout has no cluster with villages. Import "
                    "cluster_members.csv (Import… in the main menu), or group villages into "
                    "clusters with Plan Layout on the map."));
    }
  else if (!job->board->has_data)
    {
      g_autofree char *description = NULL;

      /* Translators: %d are years: the year ranked, then the year before and the year */
      description = g_strdup_printf (_("No tasks, activities or growth of the scored "
                                       "indicators are recorded for %d, so every cluster "
                                       "would score 0. Import tasks.csv, activities.csv or the "
                                       "indicator values of %d and %d (Import… in the main "
                                       "menu)."),
                                     job->year, job->year - 1, job->year);
      clear_rows (self);
      show_empty (self, _("Nothing to Score Yet"), description);
    }
  else
    {
      gint64 start = g_get_monotonic_time ();

      show_board (self, job->board);
      g_debug ("%u clusters shown in %.1f ms", job->board->entries->len,
               (g_get_monotonic_time () - start) / 1000.0);
      self->board = g_steal_pointer (&job->board);
      update_actions (self);
    }
}

static gboolean
list_box_query_tooltip_cb (GfLeaderboardPage *self,
                           int                x,
                           int                y,
                           gboolean           keyboard_tooltip,
                           GtkTooltip        *tooltip,
                           GtkWidget         *list_box)
{
  GtkWidget *widget;

  if (keyboard_tooltip)
    return FALSE;

  for (widget = gtk_widget_pick (list_box, x, y, GTK_PICK_DEFAULT);
       widget != NULL && widget != list_box; widget = gtk_widget_get_parent (widget))
    {
      const char *text = g_object_get_data (G_OBJECT (widget), TOOLTIP_KEY);
      graphene_rect_t bounds;

      if (text == NULL)
        continue;

      gtk_tooltip_set_text (tooltip, text);
      /* Asked again when the pointer moves to another cell. */
      if (gtk_widget_compute_bounds (widget, list_box, &bounds))
        gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { bounds.origin.x, bounds.origin.y,
                                                             bounds.size.width,
                                                             bounds.size.height });
      return TRUE;
    }

  return FALSE;
}

/* Ranks the clusters of the current layout for @year in a worker, cancelling any ranking
 * still being computed. An in-memory database, which no worker can open, is ranked here, but
 * the result still comes from the main loop. */
static void
compute (GfLeaderboardPage *self,
         int                year)
{
  g_autoptr(GTask) task = NULL;
  BoardJob *job;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  job = g_new0 (BoardJob, 1);
  job->year = year;
  g_weak_ref_init (&job->page, self);

  self->cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->cancellable, board_done_cb, NULL);
  g_task_set_source_tag (task, compute);
  g_task_set_name (task, "[gf] rank clusters");
  g_task_set_task_data (task, job, (GDestroyNotify) board_job_free);

  if (gf_database_is_in_memory (self->database))
    {
      GError *error = NULL;

      if (board_job_run (job, self->database, self->cancellable, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

  job->path = g_strdup (gf_database_get_path (self->database));
  g_task_run_in_thread (task, board_thread);
}

/* GtkWidget */

static void
gf_leaderboard_page_system_setting_changed (GtkWidget        *widget,
                                            GtkSystemSetting  setting)
{
  GfLeaderboardPage *self = GF_LEADERBOARD_PAGE (widget);

  GTK_WIDGET_CLASS (gf_leaderboard_page_parent_class)->system_setting_changed (widget, setting);

  if (setting == GTK_SYSTEM_SETTING_DPI || setting == GTK_SYSTEM_SETTING_FONT_NAME
      || setting == GTK_SYSTEM_SETTING_FONT_CONFIG)
    {
      if (self->widths != NULL)
        column_widths_invalidate (self->widths);
    }
}

/* GObject */

static void
gf_leaderboard_page_dispose (GObject *object)
{
  GfLeaderboardPage *self = GF_LEADERBOARD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->widths, column_widths_unref);
  g_clear_pointer (&self->board, gf_leaderboard_free);
  g_clear_object (&self->database);

  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_LEADERBOARD_PAGE);

  G_OBJECT_CLASS (gf_leaderboard_page_parent_class)->dispose (object);
}

static void
gf_leaderboard_page_class_init (GfLeaderboardPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_leaderboard_page_dispose;

  widget_class->system_setting_changed = gf_leaderboard_page_system_setting_changed;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-leaderboard-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-leaderboard-page");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, status_page);
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, rules_label);
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, info_label);
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, header_box);
  gtk_widget_class_bind_template_child (widget_class, GfLeaderboardPage, list_box);

  gtk_widget_class_bind_template_callback (widget_class, list_box_query_tooltip_cb);

  gtk_widget_class_install_action (widget_class, "leaderboard.export", "s", export_activated);
  gtk_widget_class_install_action (widget_class, "leaderboard.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "leaderboard.present", NULL, present_activated);
  gtk_widget_class_install_action (widget_class, "leaderboard.add-to-briefing", NULL,
                                   add_to_briefing_activated);
}

static void
gf_leaderboard_page_init (GfLeaderboardPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gf_accessible_name_mnemonic_button (self->add_button);
  update_actions (self);

  gtk_label_set_label (self->info_label,
                       _("Each rule gives every cluster 0 to 100 points:\n"
                         "• Tasks: the mean progress of the cluster’s tasks of the year.\n"
                         "• Activity: 100 for the cluster with the most activities (problems "
                         "solved, meetings, events and online activity), the others in "
                         "proportion.\n"
                         "• Growth: the indicator’s growth over the year before, from 0 points "
                         "for the slowest cluster to 100 for the fastest (the other way round "
                         "where less is better).\n\n"
                         "The score is the mean of the points weighted by the rules’ shares. "
                         "Equal scores share a rank."));
}

/* Public API */

/**
 * gf_leaderboard_page_set_summary:
 * @summary: (nullable): the district's summary; nothing of it is kept
 *
 * Ranks the clusters of the window's database and current layout for the summary's year, in
 * a worker; the ranking shown until then stays.
 */
void
gf_leaderboard_page_set_summary (GfLeaderboardPage *self,
                                 const GfSummary   *summary)
{
  GtkWidget *window;
  GfDatabase *database = NULL;

  g_return_if_fail (GF_IS_LEADERBOARD_PAGE (self));

  window = gtk_widget_get_ancestor (GTK_WIDGET (self), GF_TYPE_WINDOW);
  if (window != NULL)
    database = gf_window_get_database (GF_WINDOW (window));
  g_set_object (&self->database, database);

  if (self->database == NULL || summary == NULL || summary->first_year <= 0
      || summary->year <= 0)
    {
      g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->cancellable);
      clear_rows (self);
      show_empty (self, _("No Indicator Values Yet"),
                  _("Open a database or import indicator values (Import… in the main menu) to "
                    "rank the clusters on completed tasks, growth of the indicators and "
                    "activity."));
      return;
    }

  compute (self, summary->year);
}

/**
 * gf_leaderboard_page_is_updating:
 *
 * Returns: whether a ranking is being computed: the page shows the previous one until then
 */
gboolean
gf_leaderboard_page_is_updating (GfLeaderboardPage *self)
{
  g_return_val_if_fail (GF_IS_LEADERBOARD_PAGE (self), FALSE);

  return self->cancellable != NULL;
}
