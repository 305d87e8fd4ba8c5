/* gf-village-picker.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Chooses the villages that the charts compare: a search by name, town or code over every
 * village of the database, and a list of check buttons. A district can have 20,000 villages, so
 * the list is a GtkListView over a filter model (rows are made only for what is seen), and the
 * search compares precomputed case-folded keys. At most GF_VILLAGE_PICKER_MAX villages are
 * chosen: the charts' palette has that many colours.
 *
 * Reading and preparing 20,000 villages takes 50 to 100 ms, so it runs in a GTask worker with
 * its own read-only connection to the file (a SQLite connection is only used by the thread
 * that opened it); a spinner turns meanwhile. Villages chosen while the list loads are kept
 * by id, and those the database does not have are dropped once it is loaded.
 */

#define G_LOG_DOMAIN "gf-village-picker"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gf-store.h"
#include "gf-village-picker.h"

/* GfVillageItem */

struct _GfVillageItem
{
  GObject   parent_instance;
  gint64    id;
  char     *name;
  char     *code;
  char     *town;
  char     *key;      /* name, town and code, case-folded, for the search */
  gboolean  chosen;
};

G_DEFINE_FINAL_TYPE (GfVillageItem, gf_village_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0,
  ITEM_PROP_CHOSEN,
  N_ITEM_PROPS
};

static GParamSpec *item_properties[N_ITEM_PROPS];

static void
gf_village_item_finalize (GObject *object)
{
  GfVillageItem *self = GF_VILLAGE_ITEM (object);

  g_free (self->name);
  g_free (self->code);
  g_free (self->town);
  g_free (self->key);

  G_OBJECT_CLASS (gf_village_item_parent_class)->finalize (object);
}

static void
gf_village_item_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GfVillageItem *self = GF_VILLAGE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_CHOSEN:
      g_value_set_boolean (value, self->chosen);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_village_item_class_init (GfVillageItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gf_village_item_finalize;
  object_class->get_property = gf_village_item_get_property;

  /* Read-only: the picker chooses, so that it can keep the limit. */
  item_properties[ITEM_PROP_CHOSEN] =
    g_param_spec_boolean ("chosen", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
gf_village_item_init (GfVillageItem *self)
{
}

static GfVillageItem *
village_item_new (gint64      id,
                  const char *name,
                  const char *code,
                  const char *town)
{
  GfVillageItem *self = g_object_new (GF_TYPE_VILLAGE_ITEM, NULL);
  g_autofree char *key = NULL;

  self->id = id;
  self->name = g_strdup (name != NULL ? name : "");
  self->code = g_strdup (code != NULL ? code : "");
  self->town = g_strdup (town != NULL ? town : "");
  key = g_strjoin ("\t", self->name, self->town, self->code, NULL);
  self->key = g_utf8_casefold (key, -1);

  return self;
}

static void
village_item_set_chosen (GfVillageItem *self,
                         gboolean       chosen)
{
  if (self->chosen == !!chosen)
    return;

  self->chosen = !!chosen;
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_CHOSEN]);
}

gint64
gf_village_item_get_id (GfVillageItem *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_ITEM (self), 0);

  return self->id;
}

const char *
gf_village_item_get_name (GfVillageItem *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_ITEM (self), NULL);

  return self->name;
}

const char *
gf_village_item_get_code (GfVillageItem *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_ITEM (self), NULL);

  return self->code;
}

const char *
gf_village_item_get_town (GfVillageItem *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_ITEM (self), NULL);

  return self->town;
}

gboolean
gf_village_item_get_chosen (GfVillageItem *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_ITEM (self), FALSE);

  return self->chosen;
}

/* GfVillageList: the villages as a list model over an array. A GListStore would take 15 to
 * 20 ms to take in 20,000 items (a tree node and a reference each) on the main thread; the
 * array, made in the worker, is handed over whole. */

#define GF_TYPE_VILLAGE_LIST (gf_village_list_get_type ())

G_DECLARE_FINAL_TYPE (GfVillageList, gf_village_list, GF, VILLAGE_LIST, GObject)

struct _GfVillageList
{
  GObject    parent_instance;
  GPtrArray *items;     /* GfVillageItem, owned */
};

static GType
gf_village_list_get_item_type (GListModel *model)
{
  return GF_TYPE_VILLAGE_ITEM;
}

static guint
gf_village_list_get_n_items (GListModel *model)
{
  return GF_VILLAGE_LIST (model)->items->len;
}

static gpointer
gf_village_list_get_item (GListModel *model,
                          guint       position)
{
  GfVillageList *self = GF_VILLAGE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
gf_village_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = gf_village_list_get_item_type;
  iface->get_n_items = gf_village_list_get_n_items;
  iface->get_item = gf_village_list_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (GfVillageList, gf_village_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      gf_village_list_model_init))

static void
gf_village_list_finalize (GObject *object)
{
  g_ptr_array_unref (GF_VILLAGE_LIST (object)->items);

  G_OBJECT_CLASS (gf_village_list_parent_class)->finalize (object);
}

static void
gf_village_list_class_init (GfVillageListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gf_village_list_finalize;
}

static void
gf_village_list_init (GfVillageList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Replaces the villages with @items (a reference is taken). */
static void
gf_village_list_set_items (GfVillageList *self,
                           GPtrArray     *items)
{
  g_autoptr(GPtrArray) old = self->items;

  /* The old items live until the list's users have heard of the change. */
  self->items = g_ptr_array_ref (items);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, old->len, items->len);
}

/* GfVillagePicker */

struct _GfVillagePicker
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkSearchEntry     *search_entry;
  GtkLabel           *status_label;
  GtkListView        *list_view;
  GtkWidget          *clear_button;
  GtkSpinner         *spinner;

  /* Owned */
  GfVillageList      *villages;     /* GfVillageItem, by code */
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GHashTable         *by_id;        /* gint64 * → GfVillageItem (borrowed from the list) */
  GArray             *chosen;       /* gint64, in the order chosen: the charts' colours */
  char               *needle;       /* the search, case-folded; NULL shows all */
  char               *message;      /* why the last choice was refused, or NULL */
  GCancellable       *load_cancellable;  /* the load in flight, or NULL */
};

G_DEFINE_FINAL_TYPE (GfVillagePicker, gf_village_picker, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_status (GfVillagePicker *self)
{
  g_autofree char *text = NULL;

  gboolean loading = self->load_cancellable != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), loading);
  gtk_spinner_set_spinning (self->spinner, loading);

  if (self->message != NULL)
    {
      gtk_label_set_label (self->status_label, self->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else if (loading && self->chosen->len == 0)
    {
      gtk_label_set_label (self->status_label, _("Loading the villages…"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      /* Translators: in the village picker, e.g. "3 of at most 12 villages chosen" */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u of at most %u village chosen",
                                           "%u of at most %u villages chosen",
                                           GF_VILLAGE_PICKER_MAX),
                              self->chosen->len, GF_VILLAGE_PICKER_MAX);
      gtk_label_set_label (self->status_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }

  gtk_widget_set_sensitive (self->clear_button, self->chosen->len > 0);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GfVillagePicker *self = user_data;

  return self->needle == NULL || strstr (GF_VILLAGE_ITEM (item)->key, self->needle) != NULL;
}

/* Rows */

static void
check_toggled_cb (GtkCheckButton  *check,
                  GfVillagePicker *self)
{
  GfVillageItem *item = g_object_get_data (G_OBJECT (check), "gf-item");
  gboolean active = gtk_check_button_get_active (check);

  if (item == NULL || item->chosen == active)
    return;

  /* Refused when full: the check goes back, and the message says why. */
  if (!gf_village_picker_set_chosen (self, item->id, active))
    gtk_check_button_set_active (check, item->chosen);
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              GfVillagePicker          *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_widget_set_margin_start (box, 6);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  g_object_set_data (G_OBJECT (check), "gf-name", name);
  g_object_set_data (G_OBJECT (check), "gf-subtitle", subtitle);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self, 0);

  gtk_list_item_set_child (list_item, check);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             GfVillagePicker          *self)
{
  GfVillageItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *check = gtk_list_item_get_child (list_item);
  g_autofree char *subtitle = NULL;
  GBinding *binding;

  /* Translators: under a village's name in the village picker: its town and its code */
  subtitle = g_strdup_printf (_("%s · %s"), item->town, item->code);
  gtk_label_set_label (g_object_get_data (G_OBJECT (check), "gf-name"), item->name);
  gtk_label_set_label (g_object_get_data (G_OBJECT (check), "gf-subtitle"), subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, item->name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);

  /* Set the item first: the binding's first sync toggles the check, which must see it. */
  g_object_set_data (G_OBJECT (check), "gf-item", item);
  binding = g_object_bind_property (item, "chosen", check, "active", G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (check), "gf-binding", binding);
}

static void
row_unbind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               GfVillagePicker          *self)
{
  GtkWidget *check = gtk_list_item_get_child (list_item);
  GBinding *binding = g_object_get_data (G_OBJECT (check), "gf-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
  g_object_set_data (G_OBJECT (check), "gf-binding", NULL);
  g_object_set_data (G_OBJECT (check), "gf-item", NULL);
}

/* Callbacks */

static void
search_changed_cb (GfVillagePicker *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->needle, g_free);
  if (*stripped != '\0')
    self->needle = g_utf8_casefold (stripped, -1);

  /* Without a search the filter has no function: it then matches every item without asking
   * each of 20,000, which a new list would otherwise cost (about 30 ms). Both calls tell the
   * filter model that the filter changed. */
  if (self->needle != NULL)
    gtk_custom_filter_set_filter_func (self->filter, filter_func, self, NULL);
  else
    gtk_custom_filter_set_filter_func (self->filter, NULL, NULL, NULL);
}

static void
list_activate_cb (GfVillagePicker *self,
                  guint            position,
                  GtkListView     *list_view)
{
  g_autoptr(GfVillageItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item != NULL)
    gf_village_picker_set_chosen (self, item->id, !item->chosen);
}

static void
clear_clicked_cb (GfVillagePicker *self)
{
  gf_village_picker_clear (self);
}

/* GObject */

static void
gf_village_picker_dispose (GObject *object)
{
  GfVillagePicker *self = GF_VILLAGE_PICKER (object);

  GtkWidget *child;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), GF_TYPE_VILLAGE_PICKER);
  /* The box that holds the template is not bound to a field. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->filtered);

  G_OBJECT_CLASS (gf_village_picker_parent_class)->dispose (object);
}

static void
gf_village_picker_finalize (GObject *object)
{
  GfVillagePicker *self = GF_VILLAGE_PICKER (object);

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->villages);
  g_clear_pointer (&self->chosen, g_array_unref);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->message, g_free);

  G_OBJECT_CLASS (gf_village_picker_parent_class)->finalize (object);
}

static void
gf_village_picker_class_init (GfVillagePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_village_picker_dispose;
  object_class->finalize = gf_village_picker_finalize;

  /**
   * GfVillagePicker::changed:
   *
   * The chosen villages changed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-village-picker.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "gf-village-picker");

  gtk_widget_class_bind_template_child (widget_class, GfVillagePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GfVillagePicker, status_label);
  gtk_widget_class_bind_template_child (widget_class, GfVillagePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, GfVillagePicker, clear_button);
  gtk_widget_class_bind_template_child (widget_class, GfVillagePicker, spinner);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_clicked_cb);
}

static void
gf_village_picker_init (GfVillagePicker *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->villages = g_object_new (GF_TYPE_VILLAGE_LIST, NULL);
  self->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->filter = gtk_custom_filter_new (NULL, NULL, NULL);   /* no search yet */
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->villages)),
                                              GTK_FILTER (self->filter));

  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_unbind_cb), self);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->filtered)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (selection);

  update_status (self);
}

/* Public API */

/**
 * gf_village_picker_new:
 *
 * Returns: (transfer full): a new, empty picker; gf_village_picker_load() fills it
 */
GtkWidget *
gf_village_picker_new (void)
{
  return g_object_new (GF_TYPE_VILLAGE_PICKER, NULL);
}

static int
compare_by_code (gconstpointer a,
                 gconstpointer b)
{
  const GfVillageItem *item_a = *(GfVillageItem * const *) a;
  const GfVillageItem *item_b = *(GfVillageItem * const *) b;

  return strcmp (item_a->code, item_b->code);
}

typedef struct
{
  GPtrArray  *items;    /* GfVillageItem, by code */
  GHashTable *by_id;    /* gint64 * → GfVillageItem, borrowed from @items */
} Villages;

static void
villages_free (Villages *villages)
{
  /* The table borrows from the array: it goes first. */
  g_clear_pointer (&villages->by_id, g_hash_table_unref);
  g_clear_pointer (&villages->items, g_ptr_array_unref);
  g_free (villages);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Villages, villages_free)

/* The villages of @db (none for %NULL) as items, by code, and their index by id. Runs in the
 * worker or, for an in-memory database, on the main thread. */
static Villages *
read_villages (GfDatabase  *db,
               GError     **error)
{
  static const GfStoreColumn columns[] = {
    { "id", NULL, NULL },
    { "code", NULL, NULL },
    { "name", NULL, NULL },
    { "town_id", "town", "name" },
  };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(Villages) villages = g_new0 (Villages, 1);
  GPtrArray *items;

  villages->items = items = g_ptr_array_new_with_free_func (g_object_unref);
  villages->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (db != NULL)
    {
      rows = gf_store_select_rows (db, "village", columns, G_N_ELEMENTS (columns), error);
      if (rows == NULL)
        return NULL;
    }

  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (row[0] == NULL)
        continue;
      g_ptr_array_add (items, village_item_new (g_ascii_strtoll (row[0], NULL, 10),
                                                row[2], row[1], row[3]));
    }
  g_ptr_array_sort (items, compare_by_code);

  for (guint i = 0; i < items->len; i++)
    {
      GfVillageItem *item = g_ptr_array_index (items, i);

      g_hash_table_insert (villages->by_id, &item->id, item);
    }

  return g_steal_pointer (&villages);
}

/* Shows @villages, keeping the chosen villages that are among them. */
static void
install_villages (GfVillagePicker *self,
                  Villages        *villages)
{
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (gint64));
  /* It borrows from the old items: it goes when the list has let them go. */
  g_autoptr(GHashTable) old_by_id = g_steal_pointer (&self->by_id);

  self->by_id = g_hash_table_ref (villages->by_id);

  for (guint i = 0; i < self->chosen->len; i++)
    {
      gint64 id = g_array_index (self->chosen, gint64, i);
      GfVillageItem *item = g_hash_table_lookup (self->by_id, &id);

      if (item != NULL)
        {
          item->chosen = TRUE;
          g_array_append_val (kept, id);
        }
    }

  gf_village_list_set_items (self->villages, villages->items);

  if (kept->len != self->chosen->len)
    {
      g_array_set_size (self->chosen, 0);
      g_array_append_vals (self->chosen, kept->data, kept->len);
      g_clear_pointer (&self->message, g_free);
      update_status (self);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  update_status (self);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(GfDatabase) db = NULL;
  g_autoptr(GError) error = NULL;
  Villages *villages = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;

  db = gf_database_open_reader (task_data, &error);
  if (db != NULL)
    villages = read_villages (db, &error);

  if (villages != NULL)
    g_task_return_pointer (task, villages, (GDestroyNotify) villages_free);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GfVillagePicker *self = GF_VILLAGE_PICKER (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(Villages) villages = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer load superseded this one, or the picker is gone. */
  if (g_task_get_cancellable (G_TASK (result)) != self->load_cancellable)
    return;

  g_clear_object (&self->load_cancellable);
  if (villages != NULL)
    {
      install_villages (self, villages);
    }
  else
    {
      g_warning ("Could not list the villages: %s", error->message);
      g_clear_pointer (&self->message, g_free);
      /* Translators: %s is why, a sentence */
      self->message = g_strdup_printf (_("The villages cannot be listed. %s"), error->message);
      update_status (self);
    }
}

/**
 * gf_village_picker_load:
 * @db: (nullable): the database, or %NULL to empty the picker
 *
 * Lists the database's villages, by code: in a worker for a database file, with a spinner
 * until the list is there (gf_village_picker_is_loading()), and at once for an in-memory
 * database, which no worker can open. A newer load cancels an older one. Chosen villages that
 * are still there stay chosen; the others are forgotten (and #GfVillagePicker::changed is
 * emitted).
 *
 * Returns: %TRUE on success or when the worker started; on error the picker keeps its villages
 */
gboolean
gf_village_picker_load (GfVillagePicker  *self,
                        GfDatabase       *db,
                        GError          **error)
{
  g_autoptr(Villages) villages = NULL;
  g_autoptr(GTask) task = NULL;

  g_return_val_if_fail (GF_IS_VILLAGE_PICKER (self), FALSE);
  g_return_val_if_fail (db == NULL || GF_IS_DATABASE (db), FALSE);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  if (db != NULL && !gf_database_is_in_memory (db))
    {
      self->load_cancellable = g_cancellable_new ();
      task = g_task_new (self, self->load_cancellable, load_done_cb, NULL);
      g_task_set_source_tag (task, gf_village_picker_load);
      g_task_set_name (task, "[gf] list villages");
      g_task_set_task_data (task, g_strdup (gf_database_get_path (db)), g_free);
      g_task_run_in_thread (task, load_thread);
      update_status (self);
      return TRUE;
    }

  villages = read_villages (db, error);
  if (villages == NULL)
    {
      update_status (self);
      return FALSE;
    }

  install_villages (self, villages);
  return TRUE;
}

/**
 * gf_village_picker_is_loading:
 *
 * Returns: whether the villages are being read: the list shows the previous ones until then
 */
gboolean
gf_village_picker_is_loading (GfVillagePicker *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_PICKER (self), FALSE);

  return self->load_cancellable != NULL;
}

/**
 * gf_village_picker_get_model:
 *
 * Returns: (transfer none): the villages that match the search, as #GfVillageItem
 */
GListModel *
gf_village_picker_get_model (GfVillagePicker *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_PICKER (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * gf_village_picker_set_search:
 * @text: (nullable): part of a village's name, town or code
 *
 * Shows the villages that match @text, as typing it in the search entry does.
 */
void
gf_village_picker_set_search (GfVillagePicker *self,
                              const char      *text)
{
  g_return_if_fail (GF_IS_VILLAGE_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* The entry tells with a delay; the model follows at once. */
  search_changed_cb (self, self->search_entry);
}

/**
 * gf_village_picker_set_chosen:
 * @id: a village of the list
 * @chosen: whether to compare it
 *
 * Chooses a village, or leaves it out. A village chosen goes last in the order of the
 * charts' series. When GF_VILLAGE_PICKER_MAX villages are chosen already, nothing changes and
 * gf_village_picker_get_message() says why.
 *
 * Returns: %FALSE if the village is unknown or the choice is full
 */
gboolean
gf_village_picker_set_chosen (GfVillagePicker *self,
                              gint64           id,
                              gboolean         chosen)
{
  GfVillageItem *item;

  g_return_val_if_fail (GF_IS_VILLAGE_PICKER (self), FALSE);

  item = g_hash_table_lookup (self->by_id, &id);
  if (item == NULL)
    {
      gboolean known = FALSE;

      /* While the list loads, a village it does not show yet is chosen by id; the load keeps
       * it if the database has it. */
      if (self->load_cancellable == NULL || id <= 0)
        return FALSE;
      for (guint i = 0; i < self->chosen->len && !known; i++)
        known = g_array_index (self->chosen, gint64, i) == id;
      if (known == !!chosen)
        return TRUE;
    }
  else if (item->chosen == !!chosen)
    return TRUE;

  g_clear_pointer (&self->message, g_free);

  if (chosen)
    {
      if (self->chosen->len >= GF_VILLAGE_PICKER_MAX)
        {
          /* Translators: %u is the most villages that the charts compare (12) */
          self->message = g_strdup_printf (_("At most %u villages can be compared: leave one "
                                             "out to choose another"),
                                           GF_VILLAGE_PICKER_MAX);
          update_status (self);
          gtk_widget_error_bell (GTK_WIDGET (self));
          return FALSE;
        }
      g_array_append_val (self->chosen, id);
    }
  else
    {
      for (guint i = 0; i < self->chosen->len; i++)
        if (g_array_index (self->chosen, gint64, i) == id)
          {
            g_array_remove_index (self->chosen, i);
            break;
          }
    }

  if (item != NULL)
    village_item_set_chosen (item, chosen);
  update_status (self);
  g_signal_emit (self, signals[CHANGED], 0);

  return TRUE;
}

/**
 * gf_village_picker_clear:
 *
 * Leaves every village out.
 */
void
gf_village_picker_clear (GfVillagePicker *self)
{
  g_autoptr(GArray) chosen = NULL;

  g_return_if_fail (GF_IS_VILLAGE_PICKER (self));

  if (self->chosen->len == 0)
    return;

  chosen = g_array_copy (self->chosen);
  g_array_set_size (self->chosen, 0);
  for (guint i = 0; i < chosen->len; i++)
    {
      GfVillageItem *item = g_hash_table_lookup (self->by_id,
                                                 &g_array_index (chosen, gint64, i));

      if (item != NULL)
        village_item_set_chosen (item, FALSE);
    }

  g_clear_pointer (&self->message, g_free);
  update_status (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * gf_village_picker_get_chosen:
 * @n_chosen: (out): how many
 *
 * Returns: (array length=n_chosen) (transfer none): the chosen villages' ids, in the order
 *   they were chosen
 */
const gint64 *
gf_village_picker_get_chosen (GfVillagePicker *self,
                              guint           *n_chosen)
{
  g_return_val_if_fail (GF_IS_VILLAGE_PICKER (self), NULL);
  g_return_val_if_fail (n_chosen != NULL, NULL);

  *n_chosen = self->chosen->len;

  return (const gint64 *) (gpointer) self->chosen->data;
}

/**
 * gf_village_picker_get_n_villages:
 *
 * Returns: how many villages the picker lists, whatever the search
 */
guint
gf_village_picker_get_n_villages (GfVillagePicker *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_PICKER (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->villages));
}

/**
 * gf_village_picker_get_message:
 *
 * Returns: (nullable): why the last choice was refused, while it is shown
 */
const char *
gf_village_picker_get_message (GfVillagePicker *self)
{
  g_return_val_if_fail (GF_IS_VILLAGE_PICKER (self), NULL);

  return self->message;
}
