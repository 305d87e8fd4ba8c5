/* gf-map-page.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one map (一张图): the district's villages, clusters, towns, sites and routes on a map,
 * with a side panel (the district at a glance, what colours the villages, the layers, the
 * legend, the clusters of the current layout), a search over names and codes, and a details
 * pane for what is selected. The year follows the window's year selector (set_summary), and
 * a change of the database reloads the map data; both only redraw tiles.
 *
 * "Plan Layout" puts the map in plan mode: the planning panel (GfPlanPanel) replaces the side
 * panel, a click on a village assigns it to the panel's active cluster, Shift+drag assigns the
 * villages inside a lasso, and the villages take the colours of the draft's memberships.
 *
 * Reading the map data (0.15 to 0.4 s for a province of 20,000 villages) and the values of a
 * choropleth run in a GTask worker with its own read-only connection to the file: a SQLite
 * connection is only ever used by the thread that opened it. The map shows what it showed
 * until the worker is done, a newer request (another indicator, year, class count or
 * database) cancels an older one, and #GfMapPage:loading says when nothing is in flight.
 */

#define G_LOG_DOMAIN "gf-map-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gf-accessible.h"
#include "gf-add-slide-dialog.h"
#include "gf-application.h"
#include "gf-cluster-item.h"
#include "gf-map-page.h"
#include "gf-plan-panel.h"
#include "gf-window.h"

#define MAX_RESULTS 12

struct _GfMapPage
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  AdwFlap        *flap;
  GtkLabel       *district_label;
  GtkLabel       *year_label;
  GtkLabel       *towns_value;
  GtkLabel       *villages_value;
  GtkLabel       *clusters_value;
  GtkLabel       *sites_value;
  GtkDropDown    *color_dropdown;
  GtkStringList  *color_items;
  GtkWidget      *classes_box;
  GtkDropDown    *classes_dropdown;
  GtkStringList  *classes_items;
  GtkWidget      *n_classes_box;
  GtkSpinButton  *n_classes_spin;
  GtkRevealer    *loading_revealer;
  GtkSpinner     *loading_spinner;
  GtkLabel       *loading_label;
  GtkLabel       *error_label;
  GtkSwitch      *towns_switch;
  GtkSwitch      *clusters_switch;
  GtkSwitch      *villages_switch;
  GtkSwitch      *sites_switch;
  GtkSwitch      *routes_switch;
  GtkSwitch      *labels_switch;
  GtkDrawingArea *legend_area;
  GtkListBox     *clusters_list;
  GtkLabel       *basemap_label;
  GfMapView      *map_view;
  GtkSearchEntry *search_entry;
  GtkRevealer    *results_revealer;
  GtkListBox     *results_list;
  GtkRevealer    *details_revealer;
  GfMapDetails   *details;
  GtkToggleButton *plan_button;
  GtkRevealer    *plan_revealer;
  GfPlanPanel    *plan_panel;

  /* Owned */
  GfDatabase     *database;
  GfMapData      *data;
  GfAggregator   *aggregator;
  GPtrArray      *color_codes;      /* char* per item of color_items; NULL for the clusters */
  GArray         *class_methods;    /* GfMapClassifyMethod per item of classes_items */
  GArray         *matches;          /* GfMapMatch per row of results_list */
  GListModel     *clusters;
  GSettings      *settings;
  char           *operating_unit;
  char           *per_capita_unit;

  /* The load in flight (NULL when none), and the timeout that shows its spinner */
  GCancellable   *load_cancellable;
  guint           loading_timeout_id;

  gulong          changed_handler;
  int             year;
  int             first_year;
  int             last_year;
  guint           updating : 1;
  guint           flap_was_revealed : 1;
  /* The database changed (or is new) and the map data in hand is not its own yet. */
  guint           data_stale : 1;
};

G_DEFINE_FINAL_TYPE (GfMapPage, gf_map_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A load that ends sooner shows no spinner: it would only flicker. */
#define LOADING_SPINNER_DELAY_MS 150

static void update_map (GfMapPage *self);
static void show_selection (GfMapPage *self);
static void update_n_classes_sensitivity (GfMapPage *self);

static void
set_count (GtkLabel *label,
           gint64    count)
{
  g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, count);

  gtk_label_set_label (label, text);
}

static GfDatabase *
get_window_database (GfMapPage *self)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (self), GF_TYPE_WINDOW);

  return window != NULL ? gf_window_get_database (GF_WINDOW (window)) : NULL;
}

static gboolean
showing_draft (GfMapPage *self)
{
  return gtk_toggle_button_get_active (self->plan_button)
         && gf_plan_panel_get_draft (self->plan_panel) != NULL;
}

static guint
get_layers (GfMapPage *self)
{
  guint layers = 0;

  if (gtk_switch_get_active (self->towns_switch))
    layers |= GF_MAP_LAYER_TOWNS;
  if (gtk_switch_get_active (self->clusters_switch))
    layers |= GF_MAP_LAYER_CLUSTERS;
  if (gtk_switch_get_active (self->villages_switch))
    layers |= GF_MAP_LAYER_VILLAGES;
  if (gtk_switch_get_active (self->sites_switch))
    layers |= GF_MAP_LAYER_SITES;
  if (gtk_switch_get_active (self->routes_switch))
    layers |= GF_MAP_LAYER_ROUTES;
  if (gtk_switch_get_active (self->labels_switch))
    layers |= GF_MAP_LAYER_LABELS;

  /* While planning, the outlines and names of the current layout's clusters would contradict
   * the draft's colours: the fills alone show the draft. */
  if (showing_draft (self))
    layers &= ~GF_MAP_LAYER_CLUSTERS;

  return layers;
}

static const GfIndicator *
get_selected_indicator (GfMapPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->color_dropdown);
  const char *code;

  if (self->aggregator == NULL || selected >= self->color_codes->len)
    return NULL;

  code = g_ptr_array_index (self->color_codes, selected);
  return code != NULL ? gf_aggregator_get_indicator (self->aggregator, code) : NULL;
}

/* Cluster rows of the side panel */

/* “6 villages”, after the cluster's brand when it has one */
static void
update_cluster_subtitle (AdwActionRow  *row,
                         GfClusterItem *cluster)
{
  const char *brand = gf_cluster_item_get_brand (cluster);
  guint n_members = gf_cluster_item_get_n_members (cluster);
  g_autofree char *members = NULL;
  g_autofree char *subtitle = NULL;

  members = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u village", "%u villages",
                                          n_members), n_members);
  if (brand != NULL && *brand != '\0')
    /* Translators: the brand of a cluster and its number of villages, “源头共富 · 6 villages” */
    subtitle = g_strdup_printf (_("%s · %s"), brand, members);
  else
    subtitle = g_steal_pointer (&members);

  adw_action_row_set_subtitle (row, subtitle);
}

/* The cluster's operating income in the year shown, with its unit */
static void
update_cluster_figure (GtkWidget     *row,
                       GfClusterItem *cluster,
                       const char    *unit)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "gf-figure-label");
  double income = gf_cluster_item_get_operating_income (cluster);
  g_autofree char *number = gf_format_value (income);
  g_autofree char *figure = NULL;

  if (unit != NULL && !isnan (income))
    /* Translators: a figure and its unit, such as “1,234 万元” */
    figure = g_strdup_printf (C_("value with unit", "%s %s"), number, unit);
  else
    figure = g_steal_pointer (&number);

  gtk_label_set_label (label, figure);
}

/* A new year keeps the rows and changes their items (gf_cluster_item_list_update()): rebuilding
 * hundreds of rows on every year held the main thread for a tenth of a second. */
static void
cluster_members_changed_cb (GfClusterItem *cluster,
                            GParamSpec    *pspec,
                            AdwActionRow  *row)
{
  update_cluster_subtitle (row, cluster);
}

static void
cluster_figure_changed_cb (GfClusterItem *cluster,
                           GParamSpec    *pspec,
                           GtkWidget     *row)
{
  GfMapPage *self = GF_MAP_PAGE (gtk_widget_get_ancestor (row, GF_TYPE_MAP_PAGE));

  update_cluster_figure (row, cluster, self != NULL ? self->operating_unit : NULL);
}

static GtkWidget *
create_cluster_row (gpointer item,
                    gpointer user_data)
{
  GfClusterItem *cluster = item;
  GfMapPage *self = user_data;
  const char *color = gf_cluster_item_get_color (cluster);
  GtkWidget *row;
  GtkWidget *dot;
  GtkWidget *box;
  GtkWidget *label;

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), gf_cluster_item_get_name (cluster));
  update_cluster_subtitle (ADW_ACTION_ROW (row), cluster);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "gf-cluster-name",
                          g_strdup (gf_cluster_item_get_name (cluster)), g_free);
  g_object_set_data_full (G_OBJECT (row), "gf-cluster-item", g_object_ref (cluster),
                          g_object_unref);

  /* The cluster's colour on the map, as a dot before its name. */
  dot = gtk_label_new (NULL);
  if (color != NULL && *color == '#')
    {
      g_autofree char *markup = g_markup_printf_escaped ("<span foreground=\"%s\">●</span>",
                                                         color);

      gtk_label_set_markup (GTK_LABEL (dot), markup);
    }
  gtk_accessible_update_state (GTK_ACCESSIBLE (dot), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), dot);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "numeric");
  gtk_box_append (GTK_BOX (box), label);
  g_object_set_data (G_OBJECT (row), "gf-figure-label", label);
  update_cluster_figure (row, cluster, self->operating_unit);
  label = gtk_label_new (_("Operating income"));
  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);

  /* The row lives no longer than the list box; the item may outlive it. */
  g_signal_connect_object (cluster, "notify::n-members", G_CALLBACK (cluster_members_changed_cb),
                           row, 0);
  g_signal_connect_object (cluster, "notify::operating-income",
                           G_CALLBACK (cluster_figure_changed_cb), row, 0);

  return row;
}

/* Shows the clusters of @summary in the side panel. The same clusters as before (a new year)
 * keep their rows, which follow their items; other clusters get new rows. */
static void
update_clusters (GfMapPage       *self,
                 const GfSummary *summary)
{
  g_autofree char *operating_unit = NULL;
  g_autofree char *per_capita_unit = NULL;
  gboolean units_changed;

  if (self->clusters == NULL)
    {
      self->clusters = G_LIST_MODEL (g_list_store_new (GF_TYPE_CLUSTER_ITEM));
      gtk_list_box_bind_model (self->clusters_list, self->clusters, create_cluster_row, self,
                               NULL);
    }

  gf_cluster_item_list_update (G_LIST_STORE (self->clusters), summary, &operating_unit,
                               &per_capita_unit);

  units_changed = g_strcmp0 (operating_unit, self->operating_unit) != 0;
  g_free (self->operating_unit);
  self->operating_unit = g_steal_pointer (&operating_unit);
  g_free (self->per_capita_unit);
  self->per_capita_unit = g_steal_pointer (&per_capita_unit);

  /* Rows made by the update above showed the old unit: rare, as a unit changes only with the
   * database. */
  if (units_changed)
    for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->clusters_list));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      {
        GfClusterItem *cluster = g_object_get_data (G_OBJECT (row), "gf-cluster-item");

        if (cluster != NULL)
          update_cluster_figure (row, cluster, self->operating_unit);
      }
}

/* Colouring */

static void
add_method (GfMapPage           *self,
            GPtrArray           *labels,
            GfMapClassifyMethod  method,
            char                *label)
{
  g_array_append_val (self->class_methods, method);
  g_ptr_array_add (labels, label);
}

static void
rebuild_class_items (GfMapPage *self)
{
  const GfIndicator *indicator = get_selected_indicator (self);
  GfMapClassifyMethod previous = GF_MAP_CLASSIFY_QUANTILE;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  guint n_old;
  guint old = gtk_drop_down_get_selected (self->classes_dropdown);

  if (old < self->class_methods->len)
    previous = g_array_index (self->class_methods, GfMapClassifyMethod, old);

  g_array_set_size (self->class_methods, 0);
  add_method (self, labels, GF_MAP_CLASSIFY_QUANTILE, g_strdup (_("Quantiles")));
  add_method (self, labels, GF_MAP_CLASSIFY_EQUAL_INTERVAL, g_strdup (_("Equal intervals")));

  if (indicator != NULL && !isnan (indicator->benchmark))
    {
      g_autofree char *number = gf_map_util_format_number (indicator->benchmark);

      /* Translators: classes split at the district's benchmark, “Benchmark: 50 万元” */
      add_method (self, labels, GF_MAP_CLASSIFY_THRESHOLDS,
                  g_strdup_printf (_("Benchmark: %s %s"), number, indicator->unit));
    }
  g_ptr_array_add (labels, NULL);

  for (guint i = 0; i < self->class_methods->len; i++)
    if (g_array_index (self->class_methods, GfMapClassifyMethod, i) == previous)
      selected = i;

  self->updating = TRUE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->classes_items));
  gtk_string_list_splice (self->classes_items, 0, n_old, (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->classes_dropdown, selected);
  self->updating = FALSE;

  gtk_widget_set_sensitive (self->classes_box, indicator != NULL);
  update_n_classes_sensitivity (self);
}

/* Lists "Clusters" and the catalogue's indicators, keeping the one chosen. */
static void
rebuild_color_items (GfMapPage *self)
{
  g_autofree char *previous = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint selected = 0;
  guint old = gtk_drop_down_get_selected (self->color_dropdown);
  guint n_old;

  if (old < self->color_codes->len && g_ptr_array_index (self->color_codes, old) != NULL)
    previous = g_strdup (g_ptr_array_index (self->color_codes, old));

  g_ptr_array_set_size (self->color_codes, 0);
  /* Translators: colour the villages by the cluster (组团) they belong to */
  g_ptr_array_add (labels, _("Clusters"));
  g_ptr_array_add (self->color_codes, NULL);

  if (self->aggregator != NULL && self->year > 0)
    {
      GPtrArray *indicators = gf_aggregator_get_indicators (self->aggregator);

      for (guint i = 0; i < indicators->len; i++)
        {
          const GfIndicator *indicator = g_ptr_array_index (indicators, i);

          if (g_strcmp0 (previous, indicator->code) == 0)
            selected = labels->len;
          g_ptr_array_add (labels, (gpointer) gf_map_util_indicator_name (indicator));
          g_ptr_array_add (self->color_codes, g_strdup (indicator->code));
        }
    }
  g_ptr_array_add (labels, NULL);

  self->updating = TRUE;
  n_old = g_list_model_get_n_items (G_LIST_MODEL (self->color_items));
  gtk_string_list_splice (self->color_items, 0, n_old, (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->color_dropdown, selected);
  self->updating = FALSE;

  gtk_widget_set_sensitive (GTK_WIDGET (self->color_dropdown), labels->len > 2);
  rebuild_class_items (self);
}

/* What the villages are coloured by: the chosen indicator, unless a draft is being planned
 * (its clusters colour the villages) or there are no figures. */
static const GfIndicator *
get_wanted_indicator (GfMapPage *self)
{
  if (showing_draft (self) || self->year <= 0)
    return NULL;

  return get_selected_indicator (self);
}

/* How the choropleth of @indicator is classed: the method chosen (the benchmark only when the
 * indicator has one) and, for quantiles and equal intervals, the number of classes chosen;
 * 0 for the benchmark, whose thresholds make their own. */
static void
get_classification (GfMapPage           *self,
                    const GfIndicator   *indicator,
                    GfMapClassifyMethod *method,
                    guint               *n_classes)
{
  guint selected = gtk_drop_down_get_selected (self->classes_dropdown);

  *method = GF_MAP_CLASSIFY_QUANTILE;
  if (selected < self->class_methods->len)
    *method = g_array_index (self->class_methods, GfMapClassifyMethod, selected);
  if (*method == GF_MAP_CLASSIFY_THRESHOLDS && (indicator == NULL || isnan (indicator->benchmark)))
    *method = GF_MAP_CLASSIFY_QUANTILE;

  *n_classes = *method == GF_MAP_CLASSIFY_THRESHOLDS
               ? 0 : (guint) gtk_spin_button_get_value_as_int (self->n_classes_spin);
}

/* The number of classes and the class method go together: a count for quantiles and equal
 * intervals only. */
static void
update_n_classes_sensitivity (GfMapPage *self)
{
  const GfIndicator *indicator = get_selected_indicator (self);
  GfMapClassifyMethod method;
  guint n_classes;

  get_classification (self, indicator, &method, &n_classes);
  gtk_widget_set_sensitive (self->n_classes_box,
                            indicator != NULL && method != GF_MAP_CLASSIFY_THRESHOLDS);
}

/* Loading off the main thread */

typedef struct
{
  /* The page, weakly: a task holding it would keep it, and the database it holds, alive
   * after its window is closed. Main thread only. */
  GWeakRef             page;

  /* What to do */
  char                *path;        /* the database file: the worker opens its own connection */
  GfMapData           *data;        /* the map data to colour, or NULL to read it first */
  char                *code;        /* the indicator that colours the villages, or NULL */
  int                  year;
  GfMapClassifyMethod  method;
  guint                n_classes;
  gboolean             prefer_chinese;

  /* What came of it */
  GfMapData           *new_data;
  GfMapStyle          *style;
  GError              *style_error; /* the map was read, but cannot be coloured as asked */
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_weak_ref_clear (&job->page);
  g_free (job->path);
  g_clear_pointer (&job->data, gf_map_data_unref);
  g_free (job->code);
  g_clear_pointer (&job->new_data, gf_map_data_unref);
  g_clear_pointer (&job->style, gf_map_style_unref);
  g_clear_error (&job->style_error);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadJob, load_job_free)

/* A choropleth of the job's indicator and year on @data, or NULL with @error. The legend
 * title is the indicator's name in the interface language, the same as in the dropdown. Runs
 * on any thread: the aggregator and its database are the calling thread's. */
static GfMapStyle *
create_indicator_style (const LoadJob  *job,
                        GfMapData      *data,
                        GfAggregator   *aggregator,
                        GError        **error)
{
  g_autoptr(GfVillageValues) values = NULL;
  g_autofree char *subtitle = NULL;
  GfMapClassification *classes;
  const GfIndicator *indicator = gf_aggregator_get_indicator (aggregator, job->code);
  GfMapClassifyMethod method = job->method;
  guint n_villages = gf_map_data_get_n_villages (data);
  double threshold;
  const char *name;

  if (indicator == NULL)
    {
      /* Translators: %s is an indicator's code */
      g_set_error (error, GF_MAP_STYLE_ERROR, GF_MAP_STYLE_ERROR_INDICATOR,
                   _("The district has no indicator “%s” any more."), job->code);
      return NULL;
    }

  threshold = indicator->benchmark;
  if (method == GF_MAP_CLASSIFY_THRESHOLDS && isnan (threshold))
    method = GF_MAP_CLASSIFY_QUANTILE;

  values = gf_aggregator_village_values (aggregator, indicator, job->year, error);
  if (values == NULL)
    return NULL;

  classes = gf_map_classification_new (method, values->values, values->n,
                                       job->n_classes > 0 ? job->n_classes
                                                          : GF_MAP_DEFAULT_CLASSES,
                                       method == GF_MAP_CLASSIFY_THRESHOLDS ? &threshold : NULL,
                                       method == GF_MAP_CLASSIFY_THRESHOLDS ? 1 : 0,
                                       indicator->direction);
  /* Villages on the map without a value are missing too. */
  if (n_villages > values->n)
    classes->n_missing += n_villages - values->n;

  /* Translators: the legend's second line: the year, then the unit (万元, 元, 亩, …) */
  subtitle = g_strdup_printf (_("%d · %s"), job->year, indicator->unit);
  /* As gf_map_util_indicator_name(), with the language the main thread saw. */
  name = job->prefer_chinese || indicator->name_en == NULL || *indicator->name_en == '\0'
         ? indicator->name_zh : indicator->name_en;

  return gf_map_style_new_by_values (data, values, classes, name, subtitle);
}

/* Does the work of @job with @database, which the calling thread owns. Fails only when the
 * map data cannot be read; a choropleth that cannot be made leaves job->style_error. */
static gboolean
load_job_run (LoadJob       *job,
              GfDatabase    *database,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GError) style_error = NULL;
  GfMapData *data = job->data;

  if (data == NULL)
    {
      gint64 start = g_get_monotonic_time ();

      job->new_data = gf_map_data_load (database, 0, error);
      if (job->new_data == NULL)
        return FALSE;
      data = job->new_data;
      g_debug ("Map data read in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (job->code == NULL)
    return TRUE;

  aggregator = gf_aggregator_new (database, 0, &style_error);
  if (aggregator != NULL)
    job->style = create_indicator_style (job, data, aggregator, &style_error);
  if (job->style == NULL)
    job->style_error = g_steal_pointer (&style_error);

  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GfDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  database = gf_database_open_reader (job->path, &error);
  if (database != NULL && load_job_run (job, database, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
show_loading_spinner_cb (gpointer user_data)
{
  GfMapPage *self = user_data;

  self->loading_timeout_id = 0;
  gtk_spinner_start (self->loading_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->loading_revealer, TRUE);

  return G_SOURCE_REMOVE;
}

/* Shows whether a load is in flight (self->load_cancellable), and tells those who watch
 * #GfMapPage:loading. One load superseding another keeps the spinner going. */
static void
loading_changed (GfMapPage *self,
                 gboolean   was_loading,
                 gboolean   reading_data)
{
  gboolean loading = self->load_cancellable != NULL;

  if (loading)
    {
      gtk_label_set_label (self->loading_label,
                           reading_data ? _("Reading the map…") : _("Colouring the villages…"));
      if (!gtk_revealer_get_reveal_child (self->loading_revealer)
          && self->loading_timeout_id == 0)
        self->loading_timeout_id = g_timeout_add (LOADING_SPINNER_DELAY_MS,
                                                  show_loading_spinner_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->loading_timeout_id, g_source_remove);
      gtk_spinner_stop (self->loading_spinner);
      gtk_revealer_set_reveal_child (self->loading_revealer, FALSE);
      /* Hidden, it takes no spacing in the panel either. */
      gtk_widget_set_visible (GTK_WIDGET (self->loading_revealer), FALSE);
    }

  if (was_loading != loading)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* @message: (nullable): a sentence saying what went wrong, or %NULL to hide the last one */
static void
show_error (GfMapPage  *self,
            const char *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* Forgets the load in flight; its worker stops at the next step. */
static void
cancel_load (GfMapPage *self)
{
  if (self->load_cancellable == NULL)
    return;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
}

/* The legend as text, for screen readers (and a quick check in tests). */
static char *
describe_legend (GfMapStyle *style)
{
  const GfMapClassification *classes = gf_map_style_get_classification (style);
  GString *text = g_string_new (gf_map_style_get_title (style));

  if (gf_map_style_get_subtitle (style) != NULL)
    g_string_append_printf (text, " (%s)", gf_map_style_get_subtitle (style));

  if (classes != NULL)
    {
      for (guint i = 0; i < classes->n_classes; i++)
        /* Translators: a class of the map legend and how many villages are in it */
        g_string_append_printf (text, _("; %s: %u"), classes->labels[i], classes->counts[i]);
    }

  return g_string_free (text, FALSE);
}

static void
update_legend (GfMapPage *self)
{
  GfMapStyle *style = gf_map_view_get_style (self->map_view);
  guint layers = gf_map_view_get_layers (self->map_view);
  g_autofree char *description = NULL;
  double width = 0, height = 0;

  if (self->data != NULL && style != NULL)
    {
      gf_map_util_measure_legend (self->data, style, layers, &width, &height);
      description = describe_legend (style);
    }

  gtk_drawing_area_set_content_width (self->legend_area, (int) ceil (width) + 1);
  gtk_drawing_area_set_content_height (self->legend_area, (int) ceil (height) + 1);
  gtk_widget_set_visible (GTK_WIDGET (self->legend_area), height > 0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend_area),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  description != NULL ? description : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self->legend_area));
}

static void
draw_legend (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  GfMapPage *self = user_data;
  GfMapStyle *style = gf_map_view_get_style (self->map_view);

  if (self->data == NULL || style == NULL)
    return;

  gf_map_util_draw_legend (self->data, style, gf_map_view_get_layers (self->map_view), cr);
}

/* Shows @data's villages coloured by @indicator_style, or by the draft being planned, or by
 * their clusters. Only the tiles are redrawn: the old ones stay until the new ones arrive. */
static void
show_style (GfMapPage  *self,
            GfMapStyle *indicator_style)
{
  g_autoptr(GfMapStyle) style = NULL;

  if (self->data != NULL)
    {
      if (showing_draft (self))
        style = gf_map_style_new_by_membership (
                  self->data,
                  gf_layout_draft_get_membership (gf_plan_panel_get_draft (self->plan_panel)));
      else if (indicator_style != NULL && gf_map_style_get_data (indicator_style) == self->data)
        style = gf_map_style_ref (indicator_style);
      else
        style = gf_map_style_new_by_cluster (self->data);
    }

  gf_map_view_set_content (self->map_view, self->data, style, get_layers (self));
  update_legend (self);
}

/* The planning panel gets the map data only while planning: its geometry (which villages
 * touch) takes 0.3 s for a province of 20,000 villages, on this thread. */
static void
update_plan_context (GfMapPage *self)
{
  gboolean planning = gtk_toggle_button_get_active (self->plan_button);

  gf_plan_panel_set_context (self->plan_panel, self->database, planning ? self->data : NULL);
}

/* Takes @data (transfer full, nullable) as the page's map data, with a new aggregator of the
 * page's database for the details pane and the indicator list. */
static void
install_data (GfMapPage *self,
              GfMapData *data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GfAggregator) aggregator = NULL;
  gint64 start = g_get_monotonic_time ();

  if (self->database != NULL)
    {
      aggregator = gf_aggregator_new (self->database, 0, &error);
      if (aggregator == NULL)
        g_message ("Cannot read the indicators of %s: %s",
                   gf_database_get_path (self->database), error->message);
    }

  /* The details pane borrows the aggregator: hand it the new one before the old one goes. */
  gf_map_details_set_context (self->details, data, aggregator, self->first_year,
                              self->last_year, self->year);
  g_clear_pointer (&self->aggregator, gf_aggregator_free);
  self->aggregator = g_steal_pointer (&aggregator);
  g_clear_pointer (&self->data, gf_map_data_unref);
  self->data = data;
  self->data_stale = FALSE;

  update_plan_context (self);
  rebuild_color_items (self);
  /* What remains on this thread of reading the map: 65 ms for 20,000 villages. */
  g_debug ("Map data installed in %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
}

static void start_load (GfMapPage *self, const GfIndicator *indicator);

/* Whether @job coloured the map as the panel asks for now. */
static gboolean
job_is_wanted (GfMapPage     *self,
               const LoadJob *job)
{
  const GfIndicator *indicator = get_wanted_indicator (self);
  GfMapClassifyMethod method;
  guint n_classes;

  if (indicator == NULL || job->code == NULL)
    return indicator == NULL;

  get_classification (self, indicator, &method, &n_classes);
  return g_str_equal (indicator->code, job->code) && job->year == self->year
         && job->method == method && job->n_classes == n_classes;
}

static void finish_load (GfMapPage *self,
                         LoadJob   *job,
                         GError    *error);

static void
load_finished_cb (GObject      *source_object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LoadJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GfMapPage) self = g_weak_ref_get (&job->page);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  /* The page is gone, or a newer request superseded this one. */
  if (self == NULL || g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;

  g_clear_object (&self->load_cancellable);
  loading_changed (self, TRUE, FALSE);
  finish_load (self, job, ok ? NULL : error);
}

/* The end of a load, on the main thread. @error: why nothing could be read, or %NULL. */
static void
finish_load (GfMapPage *self,
             LoadJob   *job,
             GError    *error)
{
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      if (job->data == NULL)
        /* Translators: %s is why, a sentence */
        message = g_strdup_printf (_("The map of this district cannot be read. %s"),
                                   error->message);
      else
        /* Translators: %s is why, a sentence */
        message = g_strdup_printf (_("The villages cannot be coloured by this indicator. %s"),
                                   error->message);
      g_message ("%s", message);
    }
  else if (job->style_error != NULL)
    {
      const GfIndicator *indicator = self->aggregator != NULL
                                     ? gf_aggregator_get_indicator (self->aggregator, job->code)
                                     : NULL;

      /* Translators: the first %s is an indicator's name, the second why, a sentence */
      message = g_strdup_printf (_("The villages cannot be coloured by “%s”. %s"),
                                 indicator != NULL ? gf_map_util_indicator_name (indicator)
                                                   : job->code,
                                 job->style_error->message);
      g_message ("%s", message);
    }

  if (job->data == NULL)
    {
      install_data (self, g_steal_pointer (&job->new_data));
      /* The new data's indicators may not have the one asked for, or the data cannot be
       * read at all: colour by what the panel shows now. */
      if (error == NULL && !job_is_wanted (self, job))
        {
          show_style (self, NULL);
          show_selection (self);
          update_map (self);
          show_error (self, message);
          return;
        }
    }

  show_style (self, job->style);
  show_selection (self);
  show_error (self, message);
}

/* Reads the map data (when stale) and makes the choropleth of @indicator (when not %NULL) in
 * a worker; the map keeps showing what it shows until then. */
static void
start_load (GfMapPage         *self,
            const GfIndicator *indicator)
{
  g_autoptr(LoadJob) job = g_new0 (LoadJob, 1);
  g_autoptr(GTask) task = NULL;

  g_weak_ref_init (&job->page, self);
  job->path = g_strdup (gf_database_get_path (self->database));
  job->data = self->data_stale || self->data == NULL ? NULL : gf_map_data_ref (self->data);
  if (indicator != NULL)
    {
      job->code = g_strdup (indicator->code);
      job->year = self->year;
      get_classification (self, indicator, &job->method, &job->n_classes);
    }
  job->prefer_chinese = gf_map_util_prefer_chinese ();

  /* An in-memory database has no file a worker could open: the work stays on this thread. */
  if (gf_database_is_in_memory (self->database))
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = load_job_run (job, self->database, NULL, &error);

      finish_load (self, job, ok ? NULL : error);
      return;
    }

  self->load_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->load_cancellable, load_finished_cb, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_name (task, "[gf] load map");
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) load_job_free);
  g_task_run_in_thread (task, load_thread);
}

/* Colours the villages as the panel says: at once by cluster or draft, in a worker by an
 * indicator, or after reading the map data when the database changed. */
static void
update_map (GfMapPage *self)
{
  const GfIndicator *indicator = get_wanted_indicator (self);
  gboolean was_loading = self->load_cancellable != NULL;

  cancel_load (self);
  update_n_classes_sensitivity (self);

  if (self->database != NULL && (self->data_stale || (indicator != NULL && self->data != NULL)))
    {
      start_load (self, indicator);
    }
  else
    {
      show_style (self, NULL);
      show_error (self, NULL);
    }

  loading_changed (self, was_loading, self->data_stale);
}

/* Only the layers changed: the same colours, no new style. */
static void
update_layers (GfMapPage *self)
{
  gf_map_view_set_content (self->map_view, self->data,
                           self->data != NULL ? gf_map_view_get_style (self->map_view) : NULL,
                           get_layers (self));
  update_legend (self);
}

static void
show_selection (GfMapPage *self)
{
  int index;
  GfMapFeatureKind kind = gf_map_view_get_selection (self->map_view, &index);

  gf_map_details_show (self->details, kind, index);
  gtk_revealer_set_reveal_child (self->details_revealer, kind != GF_MAP_FEATURE_NONE);
}

/* Reads the map data and the indicators of the window's database again: in a worker, the
 * map showing the old data until the new is read. */
static void
reload_data (GfMapPage *self)
{
  if (self->database == NULL)
    {
      gboolean was_loading = self->load_cancellable != NULL;

      cancel_load (self);
      loading_changed (self, was_loading, FALSE);
      install_data (self, NULL);
      show_style (self, NULL);
      show_selection (self);
      show_error (self, NULL);
      return;
    }

  self->data_stale = TRUE;
  update_map (self);
}

/* Search */

static void
clear_results (GfMapPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);
  g_array_set_size (self->matches, 0);
  gtk_revealer_set_reveal_child (self->results_revealer, FALSE);
}

static GtkWidget *
create_result_row (const GfMapMatch *match)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (match->name);
  GtkWidget *kind;
  g_autofree char *detail = NULL;

  if (match->code != NULL)
    /* Translators: a search result's kind and its code, “Village · 339901001001” */
    detail = g_strdup_printf (_("%s · %s"), gf_map_util_feature_kind_label (match->kind),
                              match->code);
  else
    detail = g_strdup (gf_map_util_feature_kind_label (match->kind));

  kind = gtk_label_new (detail);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_add_css_class (kind, "caption");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), kind);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_add_css_class (row, "gf-search-result");

  return row;
}

static void
update_results (GfMapPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GArray) matches = NULL;

  clear_results (self);
  if (self->data == NULL || text == NULL || *text == '\0')
    return;

  matches = gf_map_util_search (self->data, text, MAX_RESULTS);
  if (matches->len == 0)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (_("Nothing on the map has that name or code"));

      gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_add_css_class (row, "gf-search-result");
      gtk_list_box_append (self->results_list, row);
    }
  else
    {
      g_array_append_vals (self->matches, matches->data, matches->len);
      for (guint i = 0; i < matches->len; i++)
        gtk_list_box_append (self->results_list,
                             create_result_row (&g_array_index (matches, GfMapMatch, i)));
      gtk_list_box_select_row (self->results_list,
                               gtk_list_box_get_row_at_index (self->results_list, 0));
    }

  gtk_revealer_set_reveal_child (self->results_revealer, TRUE);
}

static void
go_to_feature (GfMapPage        *self,
               GfMapFeatureKind  kind,
               int               index)
{
  gf_map_view_select (self->map_view, kind, index);
  gf_map_view_zoom_to_feature (self->map_view, kind, index);
}

static void
activate_result (GfMapPage *self,
                 int        position)
{
  GfMapMatch match;

  if (position < 0 || (guint) position >= self->matches->len)
    return;

  match = g_array_index (self->matches, GfMapMatch, position);
  clear_results (self);
  go_to_feature (self, match.kind, match.index);
}

/* Callbacks */

static void
search_changed_cb (GfMapPage *self)
{
  update_results (self);
}

static void
search_activate_cb (GfMapPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results_list);

  /* Enter right after typing, before the delayed search ran: search now. */
  if (self->matches->len == 0)
    {
      update_results (self);
      row = gtk_list_box_get_selected_row (self->results_list);
    }

  activate_result (self, row != NULL ? gtk_list_box_row_get_index (row) : 0);
}

static void
search_stopped_cb (GfMapPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  clear_results (self);
}

static gboolean
search_key_pressed_cb (GfMapPage             *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;
  int index, n = (int) self->matches->len;

  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Down
       && keyval != GDK_KEY_KP_Up) || n == 0)
    return GDK_EVENT_PROPAGATE;

  row = gtk_list_box_get_selected_row (self->results_list);
  index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    index = (index + 1) % n;
  else
    index = (index - 1 + n) % n;

  gtk_list_box_select_row (self->results_list,
                           gtk_list_box_get_row_at_index (self->results_list, index));
  return GDK_EVENT_STOP;
}

static void
results_row_activated_cb (GfMapPage     *self,
                          GtkListBoxRow *row)
{
  activate_result (self, gtk_list_box_row_get_index (row));
}

static void
cluster_row_activated_cb (GfMapPage     *self,
                          GtkListBoxRow *row)
{
  const char *name = g_object_get_data (G_OBJECT (row), "gf-cluster-name");
  int index;

  if (self->data == NULL || name == NULL)
    return;

  index = gf_map_data_find_cluster_by_name (self->data, name);
  if (index >= 0)
    go_to_feature (self, GF_MAP_FEATURE_CLUSTER, index);
}

static void
color_dropdown_notify_selected_cb (GfMapPage *self)
{
  if (self->updating)
    return;

  rebuild_class_items (self);
  update_map (self);
}

static void
classes_dropdown_notify_selected_cb (GfMapPage *self)
{
  if (self->updating)
    return;

  /* The clusters' colours do not depend on it: no new tiles for them. */
  if (get_wanted_indicator (self) == NULL)
    update_n_classes_sensitivity (self);
  else
    update_map (self);
}

static void
n_classes_value_changed_cb (GfMapPage *self)
{
  if (self->updating || get_wanted_indicator (self) == NULL)
    return;

  update_map (self);
}

static void
layer_switch_notify_active_cb (GfMapPage *self)
{
  if (self->updating)
    return;

  update_layers (self);
}

static void
selection_changed_cb (GfMapPage *self)
{
  show_selection (self);
}

/* Planning */

static void
plan_button_toggled_cb (GfMapPage *self)
{
  gboolean planning = gtk_toggle_button_get_active (self->plan_button);

  gf_map_view_set_plan_mode (self->map_view, planning);
  gtk_revealer_set_reveal_child (self->plan_revealer, planning);
  /* The side panel's legend and cluster list describe the current layout, not the draft: put
   * it away while planning (and give the totals the room), and bring it back afterwards. */
  if (planning)
    {
      self->flap_was_revealed = adw_flap_get_reveal_flap (self->flap);
      adw_flap_set_reveal_flap (self->flap, FALSE);
    }
  else if (self->flap_was_revealed)
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
    }
  if (planning)
    update_plan_context (self);
  if (planning && gf_plan_panel_get_draft (self->plan_panel) == NULL && self->database != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Planning starts from the current layout; nothing is saved until asked. */
      if (!gf_plan_panel_new_draft (self->plan_panel, &error))
        g_message ("Cannot start a draft: %s", error->message);
    }
  update_map (self);
}

static void
plan_draft_changed_cb (GfMapPage *self)
{
  /* A new style, hence a new generation of tiles; the old ones stay until they arrive. */
  if (gtk_toggle_button_get_active (self->plan_button))
    update_map (self);
}

static void
map_village_clicked_cb (GfMapPage *self,
                        int        village)
{
  gf_plan_panel_assign_village (self->plan_panel, village);
}

static void
map_lasso_cb (GfMapPage    *self,
              const double *points,
              guint         n_points)
{
  gf_plan_panel_assign_in_polygon (self->plan_panel, points, n_points);
}

/* Ctrl+Z and Ctrl+Shift+Z (or Ctrl+Y) while planning. */
static gboolean
plan_undo_shortcut_cb (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  GfMapPage *self = GF_MAP_PAGE (widget);
  GfLayoutDraft *draft = gf_plan_panel_get_draft (self->plan_panel);
  gboolean redo = GPOINTER_TO_INT (user_data);

  if (!gtk_widget_get_mapped (widget) || !gtk_toggle_button_get_active (self->plan_button)
      || draft == NULL)
    return FALSE;

  return redo ? gf_layout_draft_redo (draft) : gf_layout_draft_undo (draft);
}

static void
add_plan_shortcuts (GfMapPage *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  const struct { const char *accel; gboolean redo; } shortcuts[] = {
    { "<Control>z", FALSE },
    { "<Control><Shift>z", TRUE },
    { "<Control>y", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (
      GTK_SHORTCUT_CONTROLLER (controller),
      gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].accel),
                        gtk_callback_action_new (plan_undo_shortcut_cb,
                                                 GINT_TO_POINTER (shortcuts[i].redo), NULL)));
  /* Global: the focus may be on the window itself after a click on the map. A focused entry
   * still gets Ctrl+Z first, for its own text. */
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
details_close_cb (GfMapPage *self)
{
  gf_map_view_select (self->map_view, GF_MAP_FEATURE_NONE, -1);
}

static void
details_feature_activated_cb (GfMapPage *self,
                              int        kind,
                              int        index)
{
  go_to_feature (self, kind, index);
}

static void
database_changed_cb (GfMapPage  *self,
                     const char *table,
                     GfDatabase *database)
{
  reload_data (self);
}

static void
set_database (GfMapPage  *self,
              GfDatabase *database)
{
  if (self->database == database)
    return;

  g_clear_signal_handler (&self->changed_handler, self->database);
  g_set_object (&self->database, database);
  if (database != NULL)
    self->changed_handler = g_signal_connect_object (database, "changed",
                                                     G_CALLBACK (database_changed_cb), self,
                                                     G_CONNECT_SWAPPED);
}

static void
update_basemap_note (GfMapPage *self)
{
  GfBasemap *basemap = gf_map_view_get_basemap (self->map_view);
  const char *error = gf_basemap_get_error (basemap);
  const char *description = gf_basemap_get_description (basemap);
  const char *attribution = gf_basemap_get_attribution (basemap);
  g_autofree char *text = NULL;

  /* What is wrong with the basemap (a vector tile file, no key, a server that does not
   * answer: the map works without it), else what it shows with its credit line. */
  if (error != NULL)
    text = g_strdup (error);
  else if (description != NULL && attribution != NULL)
    text = g_strdup_printf ("%s\n%s", description, attribution);
  else
    text = g_strdup (description);

  gtk_label_set_text (self->basemap_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->basemap_label), text != NULL);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->basemap_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->basemap_label), "error");
}

/* GObject */

static void
gf_map_page_dispose (GObject *object)
{
  GfMapPage *self = GF_MAP_PAGE (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_handle_id (&self->loading_timeout_id, g_source_remove);
  if (self->details != NULL)
    gf_map_details_set_context (self->details, NULL, NULL, 0, 0, 0);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_MAP_PAGE);
  /* The template's root is not bound to a field: unparent it ourselves. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);

  g_clear_signal_handler (&self->changed_handler, self->database);
  g_clear_object (&self->database);
  g_clear_object (&self->clusters);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->aggregator, gf_aggregator_free);
  g_clear_pointer (&self->data, gf_map_data_unref);

  G_OBJECT_CLASS (gf_map_page_parent_class)->dispose (object);
}

static void
gf_map_page_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GfMapPage *self = GF_MAP_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, gf_map_page_get_loading (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_map_page_finalize (GObject *object)
{
  GfMapPage *self = GF_MAP_PAGE (object);

  g_clear_pointer (&self->color_codes, g_ptr_array_unref);
  g_clear_pointer (&self->class_methods, g_array_unref);
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->operating_unit, g_free);
  g_clear_pointer (&self->per_capita_unit, g_free);

  G_OBJECT_CLASS (gf_map_page_parent_class)->finalize (object);
}

/**
 * gf_map_page_make_slide:
 *
 * The map slide of what the page shows: the selected cluster, else the whole district;
 * the villages coloured by the cluster or by the chosen indicator in the year; the layers
 * switched on; a choropleth keeps the page's class method and number of classes.
 *
 * Returns: (transfer full): the slide
 */
GfSlide *
gf_map_page_make_slide (GfMapPage *self)
{
  const GfIndicator *indicator;
  GfMapClassifyMethod method = GF_MAP_CLASSIFY_QUANTILE;
  GfSlideFit fit = GF_SLIDE_FIT_DISTRICT;
  gint64 cluster_id = 0;
  guint n_classes = 0;
  guint layers;
  int index = -1;

  g_return_val_if_fail (GF_IS_MAP_PAGE (self), NULL);

  if (gf_map_view_get_selection (self->map_view, &index) == GF_MAP_FEATURE_CLUSTER
      && self->data != NULL && index >= 0
      && (guint) index < gf_map_data_get_n_clusters (self->data))
    {
      fit = GF_SLIDE_FIT_CLUSTER;
      cluster_id = gf_map_data_get_cluster (self->data, (guint) index)->id;
    }

  /* A slide shows the stored layout, never a draft being planned: the clusters' outlines that
   * planning hides stay when their switch is on. */
  layers = get_layers (self);
  if (gtk_switch_get_active (self->clusters_switch))
    layers |= GF_MAP_LAYER_CLUSTERS;

  indicator = get_selected_indicator (self);
  if (indicator != NULL)
    get_classification (self, indicator, &method, &n_classes);

  return gf_slide_new_map (fit, cluster_id, indicator != NULL ? indicator->code : NULL,
                           indicator != NULL ? self->year : 0, layers, method, n_classes, NULL);
}

static void
add_to_briefing_activated (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GfMapPage *self = GF_MAP_PAGE (widget);
  g_autoptr(GfSlide) slide = NULL;

  if (self->database == NULL || self->data == NULL)
    return;

  slide = gf_map_page_make_slide (self);
  gf_add_slide_dialog_present (widget, self->database, slide);
}

static void
gf_map_page_class_init (GfMapPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_map_page_dispose;
  object_class->finalize = gf_map_page_finalize;
  object_class->get_property = gf_map_page_get_property;

  /**
   * GfMapPage:loading:
   *
   * Whether the map data or the colours of the villages are being read in a worker; the map
   * shows what it showed before until they are.
   */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GF_TYPE_MAP_VIEW);
  g_type_ensure (GF_TYPE_MAP_DETAILS);
  g_type_ensure (GF_TYPE_PLAN_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-map-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-map-page");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, stack);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, flap);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, district_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, year_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, towns_value);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, villages_value);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, clusters_value);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, sites_value);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, color_items);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, classes_box);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, classes_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, classes_items);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, n_classes_box);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, n_classes_spin);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, loading_revealer);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, loading_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, towns_switch);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, clusters_switch);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, villages_switch);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, sites_switch);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, routes_switch);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, labels_switch);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, legend_area);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, clusters_list);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, basemap_label);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, map_view);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, results_revealer);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, details_revealer);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, details);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, plan_button);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, plan_revealer);
  gtk_widget_class_bind_template_child (widget_class, GfMapPage, plan_panel);

  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_key_pressed_cb);
  gtk_widget_class_bind_template_callback (widget_class, results_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cluster_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, color_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, classes_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, n_classes_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, layer_switch_notify_active_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, plan_draft_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_village_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, map_lasso_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_feature_activated_cb);

  gtk_widget_class_install_action (widget_class, "map.add-to-briefing", NULL,
                                   add_to_briefing_activated);
}

static void
gf_map_page_init (GfMapPage *self)
{
  GtkWidget *placeholder;

  self->color_codes = g_ptr_array_new_with_free_func (g_free);
  self->class_methods = g_array_new (FALSE, FALSE, sizeof (GfMapClassifyMethod));
  self->matches = g_array_new (FALSE, FALSE, sizeof (GfMapMatch));

  gtk_widget_init_template (GTK_WIDGET (self));
  gf_accessible_label_drop_down (self->color_dropdown);
  gf_accessible_label_drop_down (self->classes_dropdown);

  self->updating = TRUE;
  gtk_spin_button_set_range (self->n_classes_spin, GF_MAP_PAGE_MIN_CLASSES, GF_MAP_MAX_CLASSES);
  gtk_spin_button_set_value (self->n_classes_spin, GF_MAP_DEFAULT_CLASSES);
  self->updating = FALSE;

  gtk_drawing_area_set_draw_func (self->legend_area, draw_legend, self, NULL);
  add_plan_shortcuts (self);

  placeholder = gtk_label_new (_("No clusters in the current layout"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->clusters_list, placeholder);

  self->settings = g_settings_new (GF_SETTINGS_SCHEMA_ID);
  g_signal_connect_object (gf_map_view_get_basemap (self->map_view), "notify::error",
                           G_CALLBACK (update_basemap_note), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gf_map_view_get_basemap (self->map_view), "changed",
                           G_CALLBACK (update_basemap_note), self, G_CONNECT_SWAPPED);
  update_basemap_note (self);

  rebuild_color_items (self);
}

/* Public API */

/**
 * gf_map_page_set_summary:
 * @summary: (nullable): the district's summary; nothing of it is kept
 *
 * Shows the district of the window's database in the summary's year. Only a new database
 * reloads the map data (its changes reload it through GfDatabase::changed); a new year
 * recolours the villages.
 */
void
gf_map_page_set_summary (GfMapPage       *self,
                         const GfSummary *summary)
{
  g_autofree char *year_text = NULL;
  GfDatabase *database;
  gboolean years_changed;

  g_return_if_fail (GF_IS_MAP_PAGE (self));

  database = get_window_database (self);

  if (summary == NULL || (summary->n_towns == 0 && summary->n_villages == 0))
    {
      update_clusters (self, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      /* Forget the map of a previous database; changes of this one reload it. */
      if (database != self->database)
        {
          set_database (self, database);
          reload_data (self);
        }
      return;
    }

  if (summary->district_name != NULL && *summary->district_name != '\0')
    gtk_label_set_label (self->district_label, summary->district_name);
  else
    gtk_label_set_label (self->district_label, _("Unnamed District"));

  if (summary->year > 0)
    /* Translators: %d is a year */
    year_text = g_strdup_printf (_("Figures for %d"), summary->year);
  else
    year_text = g_strdup (_("No indicator values yet"));
  gtk_label_set_label (self->year_label, year_text);

  set_count (self->towns_value, summary->n_towns);
  set_count (self->villages_value, summary->n_villages);
  set_count (self->clusters_value, summary->n_clusters);
  set_count (self->sites_value, summary->n_sites);

  update_clusters (self, summary);

  years_changed = self->year != summary->year || self->first_year != summary->first_year
                  || self->last_year != summary->last_year;
  self->year = summary->year;
  self->first_year = summary->first_year;
  self->last_year = summary->last_year;

  /* A map being read already is not read again. */
  if (database != self->database || (database != NULL && self->data == NULL && !self->data_stale))
    {
      set_database (self, database);
      reload_data (self);
    }
  else if (years_changed)
    {
      gboolean had_indicators = self->color_codes->len > 1;

      gf_map_details_set_context (self->details, self->data, self->aggregator,
                                  self->first_year, self->last_year, self->year);
      if (had_indicators != (self->year > 0))
        rebuild_color_items (self);
      /* Cluster colours do not change with the year: no new tiles for them. */
      if (get_selected_indicator (self) != NULL)
        update_map (self);
      show_selection (self);
    }

  gtk_stack_set_visible_child_name (self->stack, "summary");
}

/**
 * gf_map_page_get_map_view:
 *
 * Returns: (transfer none): the map
 */
GfMapView *
gf_map_page_get_map_view (GfMapPage *self)
{
  g_return_val_if_fail (GF_IS_MAP_PAGE (self), NULL);

  return self->map_view;
}

/**
 * gf_map_page_get_details:
 *
 * Returns: (transfer none): the details pane
 */
GfMapDetails *
gf_map_page_get_details (GfMapPage *self)
{
  g_return_val_if_fail (GF_IS_MAP_PAGE (self), NULL);

  return self->details;
}

/**
 * gf_map_page_set_color_by:
 * @indicator_code: (nullable): an indicator's code, or %NULL for the clusters
 *
 * Chooses what colours the villages, as the dropdown does. An indicator's values are read in
 * a worker: the map changes when #GfMapPage:loading turns %FALSE.
 *
 * Returns: %FALSE when no indicator has that code
 */
gboolean
gf_map_page_set_color_by (GfMapPage  *self,
                          const char *indicator_code)
{
  g_return_val_if_fail (GF_IS_MAP_PAGE (self), FALSE);

  for (guint i = 0; i < self->color_codes->len; i++)
    {
      if (g_strcmp0 (g_ptr_array_index (self->color_codes, i), indicator_code) == 0)
        {
          gtk_drop_down_set_selected (self->color_dropdown, i);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * gf_map_page_set_layer_visible:
 * @layer: one #GfMapLayers flag
 *
 * Shows or hides a layer, as its switch does.
 */
void
gf_map_page_set_layer_visible (GfMapPage   *self,
                               GfMapLayers  layer,
                               gboolean     visible)
{
  GtkSwitch *sw = NULL;

  g_return_if_fail (GF_IS_MAP_PAGE (self));

  switch (layer)
    {
    case GF_MAP_LAYER_TOWNS: sw = self->towns_switch; break;
    case GF_MAP_LAYER_CLUSTERS: sw = self->clusters_switch; break;
    case GF_MAP_LAYER_VILLAGES: sw = self->villages_switch; break;
    case GF_MAP_LAYER_SITES: sw = self->sites_switch; break;
    case GF_MAP_LAYER_ROUTES: sw = self->routes_switch; break;
    case GF_MAP_LAYER_LABELS: sw = self->labels_switch; break;
    default: g_return_if_reached ();
    }

  gtk_switch_set_active (sw, visible);
}

/**
 * gf_map_page_get_plan_panel:
 *
 * Returns: (transfer none): the planning panel
 */
GfPlanPanel *
gf_map_page_get_plan_panel (GfMapPage *self)
{
  g_return_val_if_fail (GF_IS_MAP_PAGE (self), NULL);

  return self->plan_panel;
}

/**
 * gf_map_page_set_planning:
 * @planning: whether to plan a layout
 *
 * What the "Plan Layout" button does: shows the planning panel, and clicks on the map assign
 * villages. A draft from the current layout starts when there is none.
 */
void
gf_map_page_set_planning (GfMapPage *self,
                          gboolean   planning)
{
  g_return_if_fail (GF_IS_MAP_PAGE (self));

  gtk_toggle_button_set_active (self->plan_button, planning);
}

/**
 * gf_map_page_get_loading:
 *
 * Returns: whether the map data or the villages' colours are being read (#GfMapPage:loading)
 */
gboolean
gf_map_page_get_loading (GfMapPage *self)
{
  g_return_val_if_fail (GF_IS_MAP_PAGE (self), FALSE);

  return self->load_cancellable != NULL;
}

/**
 * gf_map_page_set_n_classes:
 * @n_classes: 3 to 7
 *
 * Chooses how many classes quantiles and equal intervals make, as the side panel's spin
 * button does; the benchmark makes its own.
 */
void
gf_map_page_set_n_classes (GfMapPage *self,
                           guint      n_classes)
{
  g_return_if_fail (GF_IS_MAP_PAGE (self));
  g_return_if_fail (n_classes >= GF_MAP_PAGE_MIN_CLASSES && n_classes <= GF_MAP_MAX_CLASSES);

  gtk_spin_button_set_value (self->n_classes_spin, n_classes);
}
