/* gf-plan-panel.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The planning side panel of the map: which layout is edited (a draft from the current layout
 * or a saved one), the cluster a click assigns villages to, undo and redo, saving, renaming,
 * making a layout current (after a confirmation: nothing else changes the current layout),
 * the draft's totals beside the current layout's, the warnings of gf_layout_check(), and a
 * window comparing any two saved layouts.
 *
 * Totals and warnings are recomputed in an idle after the draft's GfLayoutDraft::changed; the
 * totals are read in a worker, and the village neighbours the warnings need are built in
 * another when the map data changes (see "Totals and warnings" below).
 */

#define G_LOG_DOMAIN "gf-plan-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gf-accessible.h"
#include "gf-map-style.h"
#include "gf-map-util.h"
#include "gf-plan-panel.h"

/* The columns of both tables, after the cluster's name. */
enum
{
  COL_VILLAGES,
  COL_AREA,
  COL_POPULATION,
  COL_OPERATING,
  COL_PER_CAPITA,
  N_COLS
};

static const char * const column_indicators[N_COLS] = {
  NULL, NULL, NULL, "coll_operating_income", "income_per_capita_disposable",
};

/* GfPlanRow: one row of a table, its texts ready to show. */

#define GF_TYPE_PLAN_ROW (gf_plan_row_get_type ())
G_DECLARE_FINAL_TYPE (GfPlanRow, gf_plan_row, GF, PLAN_ROW, GObject)

struct _GfPlanRow
{
  GObject   parent_instance;

  gint64    cluster_id;
  char     *name;
  guint32   color;
  char     *values[N_COLS];
  char     *notes[N_COLS];      /* the difference, or the other layout's value: a second line */
};

G_DEFINE_FINAL_TYPE (GfPlanRow, gf_plan_row, G_TYPE_OBJECT)

static void
gf_plan_row_finalize (GObject *object)
{
  GfPlanRow *self = GF_PLAN_ROW (object);

  g_clear_pointer (&self->name, g_free);
  for (guint i = 0; i < N_COLS; i++)
    {
      g_clear_pointer (&self->values[i], g_free);
      g_clear_pointer (&self->notes[i], g_free);
    }

  G_OBJECT_CLASS (gf_plan_row_parent_class)->finalize (object);
}

static void
gf_plan_row_class_init (GfPlanRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gf_plan_row_finalize;
}

static void
gf_plan_row_init (GfPlanRow *self)
{
}

/* The panel */

struct _GfPlanPanel
{
  GtkWidget        parent_instance;

  /* Template widgets */
  GtkWidget       *scroller;
  GtkLabel        *status_label;
  GtkDropDown     *layout_dropdown;
  GtkStringList   *layout_items;
  GtkWidget       *new_button;
  GtkWidget       *edit_button;
  GtkWidget       *draft_box;
  GtkDropDown     *cluster_dropdown;
  GtkStringList   *cluster_items;
  GtkWidget       *undo_button;
  GtkWidget       *redo_button;
  GtkWidget       *save_button;
  GtkWidget       *save_as_button;
  GtkWidget       *rename_button;
  GtkWidget       *make_current_button;
  GtkWidget       *compare_button;
  GtkColumnView   *totals_view;
  GtkLabel        *unassigned_label;
  GtkListBox      *warnings_list;

  /* Owned */
  GfDatabase       *database;
  GfMapData        *data;
  GfLayoutDraft    *draft;
  GfLayoutGeometry *geometry;
  GfLayoutTotals   *current_totals;
  gboolean          current_totals_stale;
  GCancellable     *totals_cancellable;    /* the totals being read in a worker */
  GCancellable     *geometry_cancellable;  /* the geometry being built in a worker */
  GPtrArray        *layouts;        /* GfLayoutInfo per item of layout_items */
  GArray           *cluster_ids;    /* gint64 per item of cluster_items; 0 for none */
  GListStore       *totals;         /* GfPlanRow */
  char             *error_text;

  /* Borrowed */
  GtkWindow        *dialog;         /* the open message dialog, if any */

  guint             update_idle_id;
  guint             n_warnings;
};

G_DEFINE_FINAL_TYPE (GfPlanPanel, gf_plan_panel, GTK_TYPE_WIDGET)

enum {
  DRAFT_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef void (*ConfirmFunc) (GfPlanPanel *self);

static void update_state (GfPlanPanel *self);
static gint64 get_current_id (GfPlanPanel *self);

/* Helpers */

static char *
color_markup (guint32 rgb)
{
  /* A square of the cluster's colour; the text beside it names the cluster. */
  return g_strdup_printf ("<span foreground=\"#%06X\">■</span>", rgb & 0xFFFFFF);
}

static char *
format_delta (double diff,
              double percent,
              gboolean whole)
{
  g_autofree char *number = NULL;

  if (isnan (diff))
    return g_strdup ("");
  /* Unchanged figures say nothing: what changed stands out. */
  if (diff == 0)
    return g_strdup ("");

  number = whole ? g_strdup_printf ("%+'.0f", diff) : g_strdup_printf ("%+'.1f", diff);
  if (isnan (percent) || isinf (percent))
    return g_steal_pointer (&number);

  /* Translators: a difference and the same as a percentage, e.g. "+3 / +12.5%" */
  return g_strdup_printf (_("%s / %+.1f%%"), number, percent);
}

static char *
format_value (double   value,
              gboolean whole)
{
  if (isnan (value))
    return g_strdup ("—");
  if (whole)
    return g_strdup_printf ("%'.0f", value);

  return g_strdup_printf ("%'.1f", value);
}

static const GfLayoutDelta *
comparison_delta (const GfLayoutClusterComparison *c,
                  guint                            column,
                  const int                       *indicator_index)
{
  switch (column)
    {
    case COL_VILLAGES:
      return &c->villages;
    case COL_AREA:
      return &c->area_km2;
    case COL_POPULATION:
      return &c->population;
    default:
      return indicator_index[column] >= 0 ? &c->values[indicator_index[column]] : NULL;
    }
}

static guint32
cluster_color (GfPlanPanel *self,
               gint64       cluster_id)
{
  int index = self->data != NULL ? gf_map_data_find_cluster (self->data, cluster_id) : -1;

  return index >= 0 ? gf_map_data_get_cluster (self->data, index)->color
                    : GF_MAP_COLOR_UNCLUSTERED;
}

/* Rows of a comparison of @a and @b. With @as_change, a cell shows b and the change from a;
 * otherwise "a → b" and the change. */
static void
fill_rows (GfPlanPanel              *self,
           GListStore               *store,
           const GfLayoutComparison *comparison,
           gboolean                  as_change)
{
  int indicator_index[N_COLS];

  for (guint col = 0; col < N_COLS; col++)
    {
      indicator_index[col] = -1;
      if (column_indicators[col] == NULL)
        continue;
      for (guint i = 0; i < comparison->indicators->len; i++)
        {
          const GfIndicator *indicator = g_ptr_array_index (comparison->indicators, i);

          if (g_strcmp0 (indicator->code, column_indicators[col]) == 0)
            indicator_index[col] = (int) i;
        }
    }

  g_list_store_remove_all (store);
  for (guint i = 0; i < comparison->clusters->len; i++)
    {
      const GfLayoutClusterComparison *c = g_ptr_array_index (comparison->clusters, i);
      g_autoptr(GfPlanRow) row = g_object_new (GF_TYPE_PLAN_ROW, NULL);

      row->cluster_id = c->cluster_id;
      row->name = g_strdup (c->name);
      row->color = cluster_color (self, c->cluster_id);
      for (guint col = 0; col < N_COLS; col++)
        {
          const GfLayoutDelta *delta = comparison_delta (c, col, indicator_index);
          gboolean whole = col == COL_VILLAGES || col == COL_POPULATION;
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;

          if (delta == NULL)
            {
              row->values[col] = g_strdup ("—");
              continue;
            }

          b = format_value (delta->b, whole);
          if (as_change)
            {
              row->values[col] = g_steal_pointer (&b);
            }
          else
            {
              a = format_value (delta->a, whole);
              /* Translators: a figure in layout A and in layout B */
              row->values[col] = g_strdup_printf (_("%s → %s"), a, b);
            }
          row->notes[col] = format_delta (delta->diff, delta->percent, whole);
        }
      g_list_store_append (store, row);
    }
}

/* Columns */

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (user_data) < 0 ? 0.0 : 1.0);
  gtk_label_set_use_markup (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GfPlanRow *row = gtk_list_item_get_item (item);
  int column = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *markup = NULL;

  if (column < 0)
    {
      g_autofree char *swatch = color_markup (row->color);
      g_autofree char *name = g_markup_escape_text (row->name, -1);

      gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_LEFT);
      markup = g_strdup_printf ("%s %s", swatch, name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, row->name, -1);
    }
  else if (row->notes[column] != NULL && *row->notes[column] != '\0')
    {
      g_autofree char *value = g_markup_escape_text (row->values[column], -1);
      g_autofree char *note = g_markup_escape_text (row->notes[column], -1);

      markup = g_strdup_printf ("%s\n<span size=\"small\" alpha=\"65%%\">%s</span>", value, note);
    }
  else
    {
      markup = g_markup_escape_text (row->values[column], -1);
    }

  gtk_label_set_markup (GTK_LABEL (label), markup);
}

static void
add_column (GtkColumnView *view,
            const char    *title,
            int            column)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_append_column (view, col);
}

static const char *
indicator_title (GfPlanPanel *self,
                 const char  *code,
                 const char  *fallback)
{
  int index;

  if (self->current_totals == NULL)
    return fallback;
  index = gf_layout_totals_find_indicator (self->current_totals, code);
  if (index < 0)
    return fallback;

  return gf_map_util_indicator_name (g_ptr_array_index (self->current_totals->indicators, index));
}

static const char *
indicator_unit (GfPlanPanel *self,
                const char  *code)
{
  const GfIndicator *indicator;
  int index;

  if (self->current_totals == NULL
      || (index = gf_layout_totals_find_indicator (self->current_totals, code)) < 0)
    return NULL;

  indicator = g_ptr_array_index (self->current_totals->indicators, index);
  return indicator->unit != NULL && *indicator->unit != '\0' ? indicator->unit : NULL;
}

/* The side panel is narrow: there, the indicators get short titles; the comparison window
 * shows their names. */
static void
add_columns (GfPlanPanel   *self,
             GtkColumnView *view,
             gboolean       short_titles)
{
  GListModel *columns = gtk_column_view_get_columns (view);   /* (transfer none) */

  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (view, col);
    }

  add_column (view, _("Cluster"), -1);
  add_column (view, _("Villages"), COL_VILLAGES);
  add_column (view, _("Area (km²)"), COL_AREA);
  add_column (view, _("Population"), COL_POPULATION);
  if (short_titles)
    {
      /* Translators: short column title for the collective operating income (村集体经营性收入);
       * the units are given below the table */
      add_column (view, _("Operating Income"), COL_OPERATING);
      /* Translators: short column title for the per-capita disposable income (人均可支配收入) */
      add_column (view, _("Per-Capita Income"), COL_PER_CAPITA);
      return;
    }
  add_column (view, indicator_title (self, column_indicators[COL_OPERATING],
                                     _("Collective Operating Income")), COL_OPERATING);
  add_column (view, indicator_title (self, column_indicators[COL_PER_CAPITA],
                                     _("Per-Capita Disposable Income")), COL_PER_CAPITA);
}

/* Totals and warnings
 *
 * At province scale the draft's totals take 0.15 s and the current layout's 0.2 s (SQLite
 * reading every indicator of 20,000 villages), so they are read in a worker with its own
 * read-only connection and a copy of the draft's membership; the table keeps the previous
 * totals until then, and a newer update cancels an older one. The warnings (3 ms) are checked
 * on this thread when the totals arrive. In-memory databases, which no worker can open, are
 * totalled here. */

/* One set of totals a worker reads: those of a saved layout, or of a draft's memberships. */
typedef struct
{
  gint64          layout_id;    /* without membership: this saved layout; 0: nothing assigned */
  GHashTable     *membership;   /* a copy of the draft's: it changes meanwhile */
  GfLayoutTotals *totals;       /* out */
} TotalsRequest;

static void
totals_request_clear (TotalsRequest *request)
{
  g_clear_pointer (&request->membership, g_hash_table_unref);
  g_clear_pointer (&request->totals, gf_layout_totals_free);
}

typedef struct
{
  char     *path;
  GArray   *requests;   /* TotalsRequest */
  GWeakRef  owner;      /* the panel or window waiting for them: a worker keeps neither alive */
} TotalsJob;

static TotalsJob *
totals_job_new (void)
{
  TotalsJob *job = g_new0 (TotalsJob, 1);

  job->requests = g_array_new (FALSE, TRUE, sizeof (TotalsRequest));
  g_array_set_clear_func (job->requests, (GDestroyNotify) totals_request_clear);
  g_weak_ref_init (&job->owner, NULL);

  return job;
}

static void
totals_job_free (TotalsJob *job)
{
  g_free (job->path);
  g_array_unref (job->requests);
  g_weak_ref_clear (&job->owner);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TotalsJob, totals_job_free)

static void
totals_job_add_layout (TotalsJob *job,
                       gint64     layout_id)
{
  TotalsRequest request = { .layout_id = layout_id };

  g_array_append_val (job->requests, request);
}

static void
totals_job_add_draft (TotalsJob     *job,
                      GfLayoutDraft *draft)
{
  GHashTable *membership = gf_layout_draft_get_membership (draft);
  TotalsRequest request = { 0 };
  GHashTableIter iter;
  gpointer key, value;

  request.membership = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, membership);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (request.membership, g_memdup2 (key, sizeof (gint64)),
                         g_memdup2 (value, sizeof (gint64)));
  g_array_append_val (job->requests, request);
}

static GfLayoutTotals *
totals_job_steal (TotalsJob *job,
                  guint      index)
{
  return g_steal_pointer (&g_array_index (job->requests, TotalsRequest, index).totals);
}

static gboolean
totals_job_run (TotalsJob   *job,
                GfDatabase  *db,
                GError     **error)
{
  for (guint i = 0; i < job->requests->len; i++)
    {
      TotalsRequest *request = &g_array_index (job->requests, TotalsRequest, i);

      if (request->membership != NULL)
        {
          request->totals = gf_layout_totals (db, request->membership, 0, error);
        }
      else if (request->layout_id != 0)
        {
          request->totals = gf_layout_totals_for_layout (db, request->layout_id, 0, error);
        }
      else
        {
          /* No current layout: compare with nothing assigned. */
          g_autoptr(GHashTable) none = g_hash_table_new (g_int64_hash, g_int64_equal);

          request->totals = gf_layout_totals (db, none, 0, error);
        }
      if (request->totals == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
totals_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TotalsJob *job = task_data;
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  db = gf_database_open_reader (job->path, &error);
  if (db != NULL && totals_job_run (job, db, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Reads the totals @job asks for (taken) in a worker; @callback gets them as the task's data,
 * on this thread, with the task's source object %NULL and @owner in the job (a weak reference:
 * closing a window does not wait for its worker). An in-memory database, which no worker can
 * open, is read here, but the callback still comes from the main loop. */
static void
read_totals (GfPlanPanel         *self,
             TotalsJob           *job,
             gpointer             owner,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, NULL);

  g_weak_ref_set (&job->owner, owner);
  g_task_set_source_tag (task, read_totals);
  g_task_set_name (task, "[gf] total layouts");
  g_task_set_task_data (task, job, (GDestroyNotify) totals_job_free);

  if (gf_database_is_in_memory (self->database))
    {
      GError *error = NULL;

      if (totals_job_run (job, self->database, &error))
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, error);
      return;
    }

  job->path = g_strdup (gf_database_get_path (self->database));
  g_task_run_in_thread (task, totals_thread);
}

static void
clear_warnings (GfPlanPanel *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->warnings_list))) != NULL)
    gtk_list_box_remove (self->warnings_list, child);
  self->n_warnings = 0;
}

/* Shows @totals of the draft beside the current layout's, and the draft's warnings. */
static void
show_totals (GfPlanPanel          *self,
             const GfLayoutTotals *totals)
{
  g_autoptr(GfLayoutComparison) comparison = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autofree char *text = NULL;
  const char *operating = indicator_unit (self, column_indicators[COL_OPERATING]);
  const char *per_capita = indicator_unit (self, column_indicators[COL_PER_CAPITA]);
  g_autofree char *unassigned = NULL;

  clear_warnings (self);

  if (self->current_totals != NULL)
    {
      comparison = gf_layout_compare (self->current_totals, totals);
      fill_rows (self, self->totals, comparison, TRUE);
    }

  /* Translators: villages of the draft in no cluster */
  unassigned = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u village in no cluster",
                                             "%u villages in no cluster",
                                             totals->n_unassigned),
                                totals->n_unassigned);
  if (operating != NULL && per_capita != NULL)
    {
      g_autofree char *units = NULL;

      /* Translators: the units of two columns of the totals table, e.g. 万元 and 元 */
      units = g_strdup_printf (_("Operating income in %s, per-capita income in %s."),
                               operating, per_capita);
      text = g_strdup_printf ("%s\n%s", unassigned, units);
    }
  else
    {
      text = g_steal_pointer (&unassigned);
    }
  gtk_label_set_label (self->unassigned_label, text);

  /* Until the geometry is built (in a worker too), there is nothing to check shapes on. */
  if (self->geometry != NULL)
    warnings = gf_layout_check (self->geometry, gf_layout_draft_get_membership (self->draft));
  for (guint i = 0; warnings != NULL && i < warnings->len; i++)
    {
      const GfLayoutWarning *warning = g_ptr_array_index (warnings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), warning->message);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (icon, "warning");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Warning"), -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->warnings_list, row);
      self->n_warnings++;
    }
  if (self->n_warnings == 0 && self->geometry != NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Every cluster is contiguous and compact"));
      gtk_list_box_append (self->warnings_list, row);
    }
}

static void
totals_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  TotalsJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GfPlanPanel) self = g_weak_ref_get (&job->owner);
  g_autoptr(GError) error = NULL;
  g_autoptr(GfLayoutTotals) totals = NULL;

  /* The panel is gone, or a newer update superseded this one. */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->totals_cancellable)
    return;
  g_clear_object (&self->totals_cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_message ("Cannot total the draft: %s", error->message);
      g_list_store_remove_all (self->totals);
      clear_warnings (self);
      return;
    }

  /* The draft's totals first, then the current layout's when they were asked for. */
  totals = totals_job_steal (job, 0);
  if (job->requests->len > 1)
    {
      g_clear_pointer (&self->current_totals, gf_layout_totals_free);
      self->current_totals = totals_job_steal (job, 1);
      self->current_totals_stale = FALSE;
    }
  if (self->draft != NULL)
    show_totals (self, totals);
}

static void
update_totals (GfPlanPanel *self)
{
  TotalsJob *job;

  g_cancellable_cancel (self->totals_cancellable);
  g_clear_object (&self->totals_cancellable);

  if (self->draft == NULL || self->database == NULL)
    {
      g_list_store_remove_all (self->totals);
      gtk_label_set_label (self->unassigned_label, "");
      clear_warnings (self);
      return;
    }

  job = totals_job_new ();
  totals_job_add_draft (job, self->draft);
  if (self->current_totals_stale || self->current_totals == NULL)
    totals_job_add_layout (job, get_current_id (self));

  self->totals_cancellable = g_cancellable_new ();
  read_totals (self, job, self, self->totals_cancellable, totals_done_cb);
}

static gboolean
update_idle_cb (gpointer user_data)
{
  GfPlanPanel *self = user_data;

  self->update_idle_id = 0;
  update_totals (self);

  return G_SOURCE_REMOVE;
}

static void
queue_update (GfPlanPanel *self)
{
  if (self->update_idle_id == 0)
    self->update_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle_cb, self, NULL);
}

/* The current layout changed (or another database came): its totals are read again with the
 * draft's next ones. */
static void
reload_current_totals (GfPlanPanel *self)
{
  self->current_totals_stale = TRUE;
  queue_update (self);
}

/* Geometry */

typedef struct
{
  GfMapData *data;
  GWeakRef   panel;    /* a worker does not keep the panel alive */
} GeometryJob;

static void
geometry_job_free (GeometryJob *job)
{
  gf_map_data_unref (job->data);
  g_weak_ref_clear (&job->panel);
  g_free (job);
}

static void
geometry_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GeometryJob *job = task_data;

  g_task_return_pointer (task, gf_layout_geometry_new_for_map (job->data),
                         (GDestroyNotify) gf_layout_geometry_free);
}

static void
geometry_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GeometryJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GfPlanPanel) self = g_weak_ref_get (&job->panel);
  GfLayoutGeometry *geometry;

  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->geometry_cancellable)
    return;
  g_clear_object (&self->geometry_cancellable);

  geometry = g_task_propagate_pointer (G_TASK (result), NULL);
  g_clear_pointer (&self->geometry, gf_layout_geometry_free);
  self->geometry = geometry;
  queue_update (self);
}

/* Which villages touch which: 0.27 s for a province of 20,000 villages, in a worker (the map
 * data is immutable and shared with the tile renderers already). */
static void
build_geometry (GfPlanPanel *self)
{
  g_autoptr(GTask) task = NULL;
  GeometryJob *job;

  g_cancellable_cancel (self->geometry_cancellable);
  g_clear_object (&self->geometry_cancellable);
  g_clear_pointer (&self->geometry, gf_layout_geometry_free);
  if (self->data == NULL)
    return;

  job = g_new0 (GeometryJob, 1);
  job->data = gf_map_data_ref (self->data);
  g_weak_ref_init (&job->panel, self);

  self->geometry_cancellable = g_cancellable_new ();
  task = g_task_new (NULL, self->geometry_cancellable, geometry_done_cb, NULL);
  g_task_set_source_tag (task, build_geometry);
  g_task_set_name (task, "[gf] village neighbours");
  g_task_set_task_data (task, job, (GDestroyNotify) geometry_job_free);
  g_task_run_in_thread (task, geometry_thread);
}

/* Layouts */

static gint64
get_current_id (GfPlanPanel *self)
{
  for (guint i = 0; self->layouts != NULL && i < self->layouts->len; i++)
    {
      GfLayoutInfo *info = g_ptr_array_index (self->layouts, i);

      if (info->is_current)
        return info->id;
    }

  return 0;
}

static void
reload_layouts (GfPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint selected = GTK_INVALID_LIST_POSITION;
  gint64 prefer = self->draft != NULL ? gf_layout_draft_get_saved_id (self->draft) : 0;

  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  if (self->database != NULL)
    {
      self->layouts = gf_layout_list (self->database, &error);
      if (self->layouts == NULL)
        g_message ("Cannot list the layouts: %s", error->message);
    }

  for (guint i = 0; self->layouts != NULL && i < self->layouts->len; i++)
    {
      GfLayoutInfo *info = g_ptr_array_index (self->layouts, i);

      if (info->is_current)
        /* Translators: the current layout in the list of layouts; %s is its name */
        g_ptr_array_add (names, g_strdup_printf (_("%s (current)"), info->name));
      else
        g_ptr_array_add (names, g_strdup (info->name));
      if ((prefer != 0 && info->id == prefer)
          || (prefer == 0 && info->is_current))
        selected = i;
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->layout_items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->layout_items)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->layout_dropdown,
                              selected != GTK_INVALID_LIST_POSITION ? selected : 0);
}

static void
reload_clusters (GfPlanPanel *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  gint64 active = gf_plan_panel_get_active_cluster (self);
  gint64 none = 0;
  guint selected = 0;

  g_array_set_size (self->cluster_ids, 0);
  g_array_append_val (self->cluster_ids, none);
  /* Translators: the choice that takes clicked villages out of their cluster */
  g_ptr_array_add (names, (gpointer) _("No cluster"));
  for (guint i = 0; self->data != NULL && i < gf_map_data_get_n_clusters (self->data); i++)
    {
      const GfMapCluster *cluster = gf_map_data_get_cluster (self->data, i);

      g_array_append_val (self->cluster_ids, cluster->id);
      g_ptr_array_add (names, (gpointer) cluster->name);
      if (cluster->id == active)
        selected = self->cluster_ids->len - 1;
    }
  g_ptr_array_add (names, NULL);

  gtk_string_list_splice (self->cluster_items, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->cluster_items)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->cluster_dropdown, selected);
}

static void
setup_cluster_item_cb (GtkSignalListItemFactory *factory,
                       GtkListItem              *item,
                       GfPlanPanel              *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *swatch = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), name);
  gtk_list_item_set_child (item, box);
}

static void
bind_cluster_item_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *item,
                      GfPlanPanel              *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (swatch);
  guint position = gtk_list_item_get_position (item);
  GtkStringObject *string = gtk_list_item_get_item (item);
  gint64 cluster_id = position < self->cluster_ids->len
                      ? g_array_index (self->cluster_ids, gint64, position) : 0;
  g_autofree char *markup = NULL;

  if (cluster_id != 0)
    markup = color_markup (cluster_color (self, cluster_id));
  else
    markup = g_strdup_printf ("<span foreground=\"#%06X\">□</span>", 0x77767B);
  gtk_label_set_markup (GTK_LABEL (swatch), markup);
  gtk_label_set_label (GTK_LABEL (name), gtk_string_object_get_string (string));
}

/* Draft */

static void
draft_changed_cb (GfPlanPanel *self)
{
  g_signal_emit (self, signals[DRAFT_CHANGED], 0);
  queue_update (self);
  update_state (self);
}

static void
set_draft (GfPlanPanel   *self,
           GfLayoutDraft *draft)
{
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_set_object (&self->draft, draft);
  if (draft != NULL)
    {
      g_signal_connect_object (draft, "changed", G_CALLBACK (draft_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (draft, "notify", G_CALLBACK (update_state), self,
                               G_CONNECT_SWAPPED);
    }

  g_clear_pointer (&self->error_text, g_free);
  g_signal_emit (self, signals[DRAFT_CHANGED], 0);
  queue_update (self);
  update_state (self);
}

static void
show_error (GfPlanPanel  *self,
            const GError *error)
{
  g_free (self->error_text);
  self->error_text = g_strdup (error->message);
  update_state (self);
}

static void
update_state (GfPlanPanel *self)
{
  gboolean has_draft = self->draft != NULL;
  gint64 saved_id = has_draft ? gf_layout_draft_get_saved_id (self->draft) : 0;
  gboolean modified = has_draft && gf_layout_draft_get_modified (self->draft);
  g_autofree char *status = NULL;

  gtk_widget_set_sensitive (self->draft_box, has_draft);
  gtk_widget_set_sensitive (self->new_button, self->database != NULL);
  gtk_widget_set_sensitive (self->edit_button,
                            self->layouts != NULL && self->layouts->len > 0);
  gtk_widget_set_sensitive (self->undo_button,
                            has_draft && gf_layout_draft_can_undo (self->draft));
  gtk_widget_set_sensitive (self->redo_button,
                            has_draft && gf_layout_draft_can_redo (self->draft));
  gtk_widget_set_sensitive (self->save_button, has_draft && (modified || saved_id == 0));
  gtk_widget_set_sensitive (self->make_current_button,
                            has_draft && saved_id != 0 && !modified
                            && saved_id != get_current_id (self));

  if (self->error_text != NULL)
    {
      status = g_strdup (self->error_text);
    }
  else if (!has_draft)
    {
      status = g_strdup (_("Start a draft from the current layout, or edit a saved one. "
                           "The current layout changes only when you make a layout current."));
    }
  else
    {
      const char *name = gf_layout_draft_get_name (self->draft);

      if (name == NULL || *name == '\0')
        /* Translators: the state of a draft that was never saved */
        status = g_strdup (_("Editing a new draft (not saved). Save it to compare it with "
                             "other layouts or to make it current."));
      else if (modified)
        /* Translators: %s is a layout's name */
        status = g_strdup_printf (_("Editing “%s” — unsaved changes"), name);
      else
        /* Translators: %s is a layout's name */
        status = g_strdup_printf (_("Editing “%s” — saved"), name);
    }
  gtk_label_set_label (self->status_label, status);
}

/* Dialogs */

static void
dialog_destroyed_cb (GfPlanPanel *self,
                     GtkWidget   *dialog)
{
  if (self->dialog == GTK_WINDOW (dialog))
    self->dialog = NULL;
}

static AdwMessageDialog *
create_dialog (GfPlanPanel *self,
               const char  *heading,
               const char  *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  self->dialog = GTK_WINDOW (dialog);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);

  return ADW_MESSAGE_DIALOG (dialog);
}

static GtkWidget *
add_name_entry (AdwMessageDialog *dialog,
                const char       *text,
                const char       *response)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Layout name"), -1);
  adw_message_dialog_set_extra_child (dialog, entry);
  adw_message_dialog_set_default_response (dialog, response);
  g_object_set_data (G_OBJECT (dialog), "gf-entry", entry);

  return entry;
}

static const char *
dialog_entry_text (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "gf-entry");

  return gtk_editable_get_text (entry);
}

static void
save_as_response_cb (GfPlanPanel      *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") != 0)
    return;
  if (!gf_plan_panel_save_as (self, dialog_entry_text (dialog), &error))
    show_error (self, error);
}

static void
rename_response_cb (GfPlanPanel      *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  const char *name = dialog_entry_text (dialog);
  gint64 saved_id;

  if (g_strcmp0 (response, "rename") != 0 || self->draft == NULL)
    return;

  saved_id = gf_layout_draft_get_saved_id (self->draft);
  if (saved_id != 0 && !gf_layout_rename (self->database, saved_id, name, &error))
    {
      show_error (self, error);
      return;
    }
  gf_layout_draft_set_name (self->draft, name);
  g_clear_pointer (&self->error_text, g_free);
  reload_layouts (self);
  update_state (self);
}

static void
make_current_response_cb (GfPlanPanel      *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  gint64 saved_id;

  if (g_strcmp0 (response, "make-current") != 0 || self->draft == NULL)
    return;

  saved_id = gf_layout_draft_get_saved_id (self->draft);
  /* The database announces the change: the window, and this panel through the map page,
   * reload what depends on the current layout. */
  if (!gf_layout_make_current (self->database, saved_id, &error))
    {
      show_error (self, error);
      return;
    }
  reload_layouts (self);
  reload_current_totals (self);
  update_state (self);
}

static void
discard_response_cb (GfPlanPanel      *self,
                     const char       *response,
                     AdwMessageDialog *dialog)
{
  ConfirmFunc func = g_object_get_data (G_OBJECT (dialog), "gf-then");

  if (g_strcmp0 (response, "discard") == 0)
    func (self);
}

/* Runs @then now, or after the planner agrees to drop the draft's unsaved changes. */
static void
confirm_discard (GfPlanPanel *self,
                 ConfirmFunc  then)
{
  AdwMessageDialog *dialog;

  if (self->draft == NULL || !gf_layout_draft_get_modified (self->draft))
    {
      then (self);
      return;
    }

  dialog = create_dialog (self, _("Discard the Draft’s Changes?"),
                          _("The draft has changes that are not saved."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "discard", _("_Discard"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "gf-then", then);
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Compare */

typedef struct
{
  GfPlanPanel  *panel;
  GtkDropDown  *a;
  GtkDropDown  *b;
  GListStore   *rows;
  GtkLabel     *note;
  GCancellable *cancellable;   /* the totals being read; cancelled when the window goes */
} CompareWindow;

static void
compare_window_free (gpointer data)
{
  CompareWindow *compare = data;

  g_cancellable_cancel (compare->cancellable);
  g_clear_object (&compare->cancellable);
  g_clear_object (&compare->panel);
  g_clear_object (&compare->rows);
  g_free (compare);
}

static void
comparison_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  TotalsJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GObject) window = g_weak_ref_get (&job->owner);
  CompareWindow *compare = window != NULL ? g_object_get_data (window, "gf-compare") : NULL;
  g_autoptr(GfLayoutTotals) a = NULL;
  g_autoptr(GfLayoutTotals) b = NULL;
  g_autoptr(GfLayoutComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;

  /* The window is gone, or another pair was chosen since. */
  if (compare == NULL || g_task_get_cancellable (G_TASK (result)) != compare->cancellable)
    return;
  g_clear_object (&compare->cancellable);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      gtk_label_set_label (compare->note, error->message);
      g_list_store_remove_all (compare->rows);
      return;
    }

  a = totals_job_steal (job, 0);
  b = totals_job_steal (job, 1);
  comparison = gf_layout_compare (a, b);
  fill_rows (compare->panel, compare->rows, comparison, FALSE);
  /* Translators: %d is a year */
  note = g_strdup_printf (_("Each cell: layout A → layout B, then the change. Indicators "
                            "for %d."), comparison->year);
  gtk_label_set_label (compare->note, note);
}

/* Reads the two layouts' totals in a worker (0.2 s each for a province); the table shows the
 * previous pair until then. */
static void
update_comparison (CompareWindow *compare)
{
  GfPlanPanel *self = compare->panel;
  guint ia = gtk_drop_down_get_selected (compare->a);
  guint ib = gtk_drop_down_get_selected (compare->b);
  GtkRoot *window = gtk_widget_get_root (GTK_WIDGET (compare->note));
  TotalsJob *job;

  if (self->layouts == NULL || ia >= self->layouts->len || ib >= self->layouts->len)
    return;

  g_cancellable_cancel (compare->cancellable);
  g_clear_object (&compare->cancellable);
  compare->cancellable = g_cancellable_new ();

  job = totals_job_new ();
  totals_job_add_layout (job, ((GfLayoutInfo *) g_ptr_array_index (self->layouts, ia))->id);
  totals_job_add_layout (job, ((GfLayoutInfo *) g_ptr_array_index (self->layouts, ib))->id);
  if (g_list_model_get_n_items (G_LIST_MODEL (compare->rows)) == 0)
    gtk_label_set_label (compare->note, _("Totalling the two layouts…"));
  read_totals (self, job, window, compare->cancellable, comparison_done_cb);
}

/* Whoever else holds the window, the comparison stops with it: its widgets are going. */
static void
compare_window_destroyed_cb (GtkWidget *window)
{
  g_object_set_data (G_OBJECT (window), "gf-compare", NULL);
}

static GtkWidget *
create_layout_dropdown (GfPlanPanel *self,
                        const char  *accessible_name,
                        guint        selected)
{
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->layout_items)),
                                           NULL);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), selected);
  gtk_widget_set_hexpand (dropdown, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_name, -1);
  gf_accessible_label_drop_down (GTK_DROP_DOWN (dropdown));

  return dropdown;
}

static void
open_compare_window (GfPlanPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  CompareWindow *compare = g_new0 (CompareWindow, 1);
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *pickers = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view;
  guint b_selected = 0;
  gint64 saved_id = self->draft != NULL ? gf_layout_draft_get_saved_id (self->draft) : 0;
  guint a_selected = 0;

  for (guint i = 0; self->layouts != NULL && i < self->layouts->len; i++)
    {
      GfLayoutInfo *info = g_ptr_array_index (self->layouts, i);

      if (info->is_current)
        a_selected = i;
      if (info->id == saved_id || (saved_id == 0 && !info->is_current && b_selected == 0))
        b_selected = i;
    }

  compare->panel = g_object_ref (self);
  compare->rows = g_list_store_new (GF_TYPE_PLAN_ROW);

  gtk_window_set_title (GTK_WINDOW (window), _("Compare Layouts"));
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 560);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));

  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 12);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_vexpand (content, TRUE);
  gtk_box_append (GTK_BOX (box), content);

  /* Translators: the first of two layouts compared */
  label = gtk_label_new (_("Layout A"));
  gtk_box_append (GTK_BOX (pickers), label);
  compare->a = GTK_DROP_DOWN (create_layout_dropdown (self, _("Layout A"), a_selected));
  gtk_box_append (GTK_BOX (pickers), GTK_WIDGET (compare->a));
  /* Translators: the second of two layouts compared */
  label = gtk_label_new (_("Layout B"));
  gtk_box_append (GTK_BOX (pickers), label);
  compare->b = GTK_DROP_DOWN (create_layout_dropdown (self, _("Layout B"), b_selected));
  gtk_box_append (GTK_BOX (pickers), GTK_WIDGET (compare->b));
  gtk_box_append (GTK_BOX (content), pickers);

  compare->note = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (compare->note, 0);
  gtk_widget_add_css_class (GTK_WIDGET (compare->note), "dim-label");
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (compare->note));

  view = gtk_column_view_new (GTK_SELECTION_MODEL (
                                gtk_no_selection_new (G_LIST_MODEL (g_object_ref (compare->rows)))));
  gtk_widget_add_css_class (view, "data-table");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Comparison of the two layouts by cluster"), -1);
  add_columns (self, GTK_COLUMN_VIEW (view), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (content), scroller);

  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data_full (G_OBJECT (window), "gf-compare", compare, compare_window_free);
  g_signal_connect (window, "destroy", G_CALLBACK (compare_window_destroyed_cb), NULL);
  g_signal_connect_swapped (compare->a, "notify::selected", G_CALLBACK (update_comparison),
                            compare);
  g_signal_connect_swapped (compare->b, "notify::selected", G_CALLBACK (update_comparison),
                            compare);
  update_comparison (compare);

  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  self->dialog = GTK_WINDOW (window);
  g_signal_connect_object (window, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

/* Callbacks */

static void
start_new_draft (GfPlanPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (!gf_plan_panel_new_draft (self, &error))
    show_error (self, error);
}

static void
new_clicked_cb (GfPlanPanel *self)
{
  confirm_discard (self, start_new_draft);
}

static void
edit_chosen_layout (GfPlanPanel *self)
{
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->layout_dropdown);

  if (self->layouts == NULL || selected >= self->layouts->len)
    return;
  if (!gf_plan_panel_edit_layout (self,
                                  ((GfLayoutInfo *) g_ptr_array_index (self->layouts,
                                                                       selected))->id,
                                  &error))
    show_error (self, error);
}

static void
edit_clicked_cb (GfPlanPanel *self)
{
  confirm_discard (self, edit_chosen_layout);
}

static void
undo_clicked_cb (GfPlanPanel *self)
{
  if (self->draft != NULL)
    gf_layout_draft_undo (self->draft);
}

static void
redo_clicked_cb (GfPlanPanel *self)
{
  if (self->draft != NULL)
    gf_layout_draft_redo (self->draft);
}

static void
save_as_clicked_cb (GfPlanPanel *self)
{
  AdwMessageDialog *dialog;

  if (self->draft == NULL)
    return;

  dialog = create_dialog (self, _("Save Layout As"),
                          _("The layout is saved beside the others; the current layout does "
                            "not change."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  add_name_entry (dialog, gf_layout_draft_get_name (self->draft), "save");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_as_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_clicked_cb (GfPlanPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->draft == NULL)
    return;
  if (gf_layout_draft_get_saved_id (self->draft) == 0)
    {
      save_as_clicked_cb (self);
      return;
    }
  if (!gf_layout_draft_save (self->draft, &error))
    {
      show_error (self, error);
      return;
    }
  g_clear_pointer (&self->error_text, g_free);
  reload_layouts (self);
  update_state (self);
}

static void
rename_clicked_cb (GfPlanPanel *self)
{
  AdwMessageDialog *dialog;

  if (self->draft == NULL)
    return;

  dialog = create_dialog (self, _("Rename Layout"), NULL);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "rename", _("_Rename"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_close_response (dialog, "cancel");
  add_name_entry (dialog, gf_layout_draft_get_name (self->draft), "rename");
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
make_current_clicked_cb (GfPlanPanel *self)
{
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;

  if (self->draft == NULL || gf_layout_draft_get_saved_id (self->draft) == 0)
    return;

  /* Translators: %s is a layout's name */
  heading = g_strdup_printf (_("Make “%s” the Current Layout?"),
                             gf_layout_draft_get_name (self->draft));
  dialog = create_dialog (self, heading,
                          _("Every view of the district will show its clusters. The layout "
                            "that is current now stays saved and can be made current again."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"),
                                    "make-current", _("_Make Current"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "make-current", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (make_current_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
compare_clicked_cb (GfPlanPanel *self)
{
  open_compare_window (self);
}

/* GObject */

static void
gf_plan_panel_dispose (GObject *object)
{
  GfPlanPanel *self = GF_PLAN_PANEL (object);

  g_clear_handle_id (&self->update_idle_id, g_source_remove);
  g_cancellable_cancel (self->totals_cancellable);
  g_clear_object (&self->totals_cancellable);
  g_cancellable_cancel (self->geometry_cancellable);
  g_clear_object (&self->geometry_cancellable);
  if (self->dialog != NULL)
    gtk_window_destroy (self->dialog);
  self->dialog = NULL;
  if (self->draft != NULL)
    g_signal_handlers_disconnect_by_data (self->draft, self);
  g_clear_object (&self->draft);

  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_PLAN_PANEL);

  g_clear_object (&self->database);
  g_clear_pointer (&self->data, gf_map_data_unref);
  g_clear_pointer (&self->geometry, gf_layout_geometry_free);
  g_clear_pointer (&self->current_totals, gf_layout_totals_free);
  g_clear_pointer (&self->layouts, g_ptr_array_unref);
  g_clear_object (&self->totals);

  G_OBJECT_CLASS (gf_plan_panel_parent_class)->dispose (object);
}

static void
gf_plan_panel_finalize (GObject *object)
{
  GfPlanPanel *self = GF_PLAN_PANEL (object);

  g_clear_pointer (&self->cluster_ids, g_array_unref);
  g_clear_pointer (&self->error_text, g_free);

  G_OBJECT_CLASS (gf_plan_panel_parent_class)->finalize (object);
}

static void
gf_plan_panel_class_init (GfPlanPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_plan_panel_dispose;
  object_class->finalize = gf_plan_panel_finalize;

  /**
   * GfPlanPanel::draft-changed:
   *
   * Emitted when the memberships to show change: another draft (or none), or a change of
   * the draft. The map recolours the villages by gf_plan_panel_get_draft().
   */
  signals[DRAFT_CHANGED] =
    g_signal_new ("draft-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-plan-panel.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-plan-panel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, scroller);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, status_label);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, layout_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, layout_items);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, new_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, edit_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, draft_box);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, cluster_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, cluster_items);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, undo_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, redo_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, save_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, save_as_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, rename_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, make_current_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, compare_button);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, totals_view);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, unassigned_label);
  gtk_widget_class_bind_template_child (widget_class, GfPlanPanel, warnings_list);

  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, undo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, redo_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_as_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, make_current_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked_cb);
}

static void
gf_plan_panel_init (GfPlanPanel *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));
  gf_accessible_label_drop_down (self->layout_dropdown);
  gf_accessible_label_drop_down (self->cluster_dropdown);

  self->cluster_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->totals = g_list_store_new (GF_TYPE_PLAN_ROW);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->totals)));
  gtk_column_view_set_model (self->totals_view, GTK_SELECTION_MODEL (selection));
  add_columns (self, self->totals_view, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cluster_item_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cluster_item_cb), self);
  gtk_drop_down_set_factory (self->cluster_dropdown, factory);
  g_object_unref (factory);

  reload_clusters (self);
  update_state (self);
}

/* Public API */

/**
 * gf_plan_panel_set_context:
 * @database: (nullable): the database; a reference is taken
 * @data: (nullable): the map data of the current layout; a reference is taken
 *
 * Called whenever the map reloads its data. The draft stays while the database is the same.
 */
void
gf_plan_panel_set_context (GfPlanPanel *self,
                           GfDatabase  *database,
                           GfMapData   *data)
{
  g_return_if_fail (GF_IS_PLAN_PANEL (self));

  if (database != self->database)
    set_draft (self, NULL);
  g_set_object (&self->database, database);
  if (data != self->data)
    {
      g_clear_pointer (&self->data, gf_map_data_unref);
      if (data != NULL)
        self->data = gf_map_data_ref (data);
      build_geometry (self);
    }

  reload_layouts (self);
  reload_clusters (self);
  reload_current_totals (self);
  add_columns (self, self->totals_view, TRUE);
  update_state (self);
}

/**
 * gf_plan_panel_get_draft:
 *
 * Returns: (transfer none) (nullable): the draft being edited
 */
GfLayoutDraft *
gf_plan_panel_get_draft (GfPlanPanel *self)
{
  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), NULL);

  return self->draft;
}

/**
 * gf_plan_panel_new_draft:
 *
 * Starts a draft from the current layout, dropping the one being edited (the button asks
 * first when it has unsaved changes; this does not).
 */
gboolean
gf_plan_panel_new_draft (GfPlanPanel  *self,
                         GError      **error)
{
  g_autoptr(GfLayoutDraft) draft = NULL;

  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), FALSE);
  g_return_val_if_fail (self->database != NULL, FALSE);

  draft = gf_layout_draft_new_from (self->database, 0, NULL, error);
  if (draft == NULL)
    return FALSE;
  set_draft (self, draft);

  return TRUE;
}

/**
 * gf_plan_panel_edit_layout:
 *
 * Opens the saved layout @layout_id as the draft.
 */
gboolean
gf_plan_panel_edit_layout (GfPlanPanel  *self,
                           gint64        layout_id,
                           GError      **error)
{
  g_autoptr(GfLayoutDraft) draft = NULL;

  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), FALSE);
  g_return_val_if_fail (self->database != NULL, FALSE);

  draft = gf_layout_draft_open (self->database, layout_id, error);
  if (draft == NULL)
    return FALSE;
  set_draft (self, draft);

  return TRUE;
}

/**
 * gf_plan_panel_set_active_cluster:
 * @cluster_id: the cluster clicks assign to, or 0 for none (clicks remove)
 *
 * Returns: %FALSE when the map has no such cluster
 */
gboolean
gf_plan_panel_set_active_cluster (GfPlanPanel *self,
                                  gint64       cluster_id)
{
  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), FALSE);

  for (guint i = 0; i < self->cluster_ids->len; i++)
    if (g_array_index (self->cluster_ids, gint64, i) == cluster_id)
      {
        gtk_drop_down_set_selected (self->cluster_dropdown, i);
        return TRUE;
      }

  return FALSE;
}

gint64
gf_plan_panel_get_active_cluster (GfPlanPanel *self)
{
  guint selected;

  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), 0);

  selected = gtk_drop_down_get_selected (self->cluster_dropdown);
  if (selected >= self->cluster_ids->len)
    return 0;

  return g_array_index (self->cluster_ids, gint64, selected);
}

/**
 * gf_plan_panel_assign_village:
 * @village: a village index of the map data
 *
 * What a click on a village does while planning: moves it to the active cluster, or out of
 * its cluster when "No cluster" is active.
 *
 * Returns: whether the draft changed
 */
gboolean
gf_plan_panel_assign_village (GfPlanPanel *self,
                              int          village)
{
  g_autoptr(GError) error = NULL;
  const GfMapVillage *v;
  gint64 cluster_id;

  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), FALSE);

  if (self->draft == NULL || self->data == NULL || village < 0
      || (guint) village >= gf_map_data_get_n_villages (self->data))
    return FALSE;

  v = gf_map_data_get_village (self->data, village);
  cluster_id = gf_plan_panel_get_active_cluster (self);
  if (gf_layout_draft_get_cluster (self->draft, v->id) == cluster_id)
    return FALSE;
  if (!gf_layout_draft_assign (self->draft, v->id, cluster_id, &error))
    {
      show_error (self, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
point_in_polygon (const double *xy,
                  guint         n,
                  double        x,
                  double        y)
{
  gboolean inside = FALSE;

  for (guint i = 0, j = n - 1; i < n; j = i++)
    {
      double xi = xy[2 * i], yi = xy[2 * i + 1];
      double xj = xy[2 * j], yj = xy[2 * j + 1];

      if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
        inside = !inside;
    }

  return inside;
}

/**
 * gf_plan_panel_assign_in_polygon:
 * @xy: (array length=n_points): a polygon, x, y pairs in world coordinates
 * @n_points: its points
 *
 * What a lasso does: assigns every village whose label point lies inside the polygon to the
 * active cluster, in one step of undo.
 *
 * Returns: the villages that moved
 */
guint
gf_plan_panel_assign_in_polygon (GfPlanPanel  *self,
                                 const double *xy,
                                 guint         n_points)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 cluster_id;

  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), 0);
  g_return_val_if_fail (xy != NULL || n_points == 0, 0);

  if (self->draft == NULL || self->data == NULL || n_points < 3)
    return 0;

  cluster_id = gf_plan_panel_get_active_cluster (self);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < gf_map_data_get_n_villages (self->data); i++)
    {
      const GfMapVillage *v = gf_map_data_get_village (self->data, i);

      if (gf_layout_draft_get_cluster (self->draft, v->id) != cluster_id
          && point_in_polygon (xy, n_points, v->label_x, v->label_y))
        g_array_append_val (ids, v->id);
    }

  if (ids->len == 0)
    return 0;
  if (!gf_layout_draft_assign_many (self->draft, (const gint64 *) ids->data, ids->len,
                                    cluster_id, &error))
    {
      show_error (self, error);
      return 0;
    }

  return ids->len;
}

/**
 * gf_plan_panel_save_as:
 * @name: the new layout's name
 *
 * Saves the draft as a new layout (not current) and goes on editing that one.
 */
gboolean
gf_plan_panel_save_as (GfPlanPanel  *self,
                       const char   *name,
                       GError      **error)
{
  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), FALSE);
  g_return_val_if_fail (self->draft != NULL, FALSE);

  if (!gf_layout_draft_save_as (self->draft, name, error))
    return FALSE;

  g_clear_pointer (&self->error_text, g_free);
  reload_layouts (self);
  update_state (self);

  return TRUE;
}

/**
 * gf_plan_panel_get_totals_model:
 *
 * Returns: (transfer none): the rows of the totals table (for tests)
 */
GListModel *
gf_plan_panel_get_totals_model (GfPlanPanel *self)
{
  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), NULL);

  return G_LIST_MODEL (self->totals);
}

/**
 * gf_plan_panel_get_totals_text:
 * @column: 0 for villages, 1 area, 2 population, 3 operating income, 4 per-capita income
 *
 * Returns: (transfer full) (nullable): the cell of @cluster_id in the totals table, its
 *   value and, on a second line, the change from the current layout; %NULL without that row
 */
char *
gf_plan_panel_get_totals_text (GfPlanPanel *self,
                               gint64       cluster_id,
                               guint        column)
{
  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), NULL);
  g_return_val_if_fail (column < N_COLS, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->totals)); i++)
    {
      g_autoptr(GfPlanRow) row = g_list_model_get_item (G_LIST_MODEL (self->totals), i);

      if (row->cluster_id == cluster_id)
        return row->notes[column] != NULL
               ? g_strdup_printf ("%s\n%s", row->values[column], row->notes[column])
               : g_strdup (row->values[column]);
    }

  return NULL;
}

guint
gf_plan_panel_get_n_warnings (GfPlanPanel *self)
{
  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), 0);

  return self->n_warnings;
}

/**
 * gf_plan_panel_is_updating:
 *
 * Returns: whether the totals, warnings or village neighbours are being computed: the panel
 *   shows the previous ones until then
 */
gboolean
gf_plan_panel_is_updating (GfPlanPanel *self)
{
  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), FALSE);

  return self->update_idle_id != 0 || self->totals_cancellable != NULL
         || self->geometry_cancellable != NULL;
}

/**
 * gf_plan_panel_flush:
 *
 * Runs the main loop until the totals and warnings are up to date (for tests).
 */
void
gf_plan_panel_flush (GfPlanPanel *self)
{
  g_return_if_fail (GF_IS_PLAN_PANEL (self));

  while (gf_plan_panel_is_updating (self))
    g_main_context_iteration (NULL, TRUE);
}

/**
 * gf_plan_panel_get_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog or window the panel has open
 */
GtkWindow *
gf_plan_panel_get_dialog (GfPlanPanel *self)
{
  g_return_val_if_fail (GF_IS_PLAN_PANEL (self), NULL);

  return self->dialog;
}
