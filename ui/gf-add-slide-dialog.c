/* gf-add-slide-dialog.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Add to Briefing…": a small dialog that chooses an existing briefing, or "New briefing…"
 * with a name, and appends a slide to it. The chart cards and the map page open it;
 * gf_add_slide_to_briefing() is what it does after the user's choice. It says in one line what
 * the slide shows; for a map coloured by an indicator it lets the user choose how the values
 * are classed on the slide.
 */

#define G_LOG_DOMAIN "gf-add-slide-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "gf-accessible.h"
#include "gf-add-slide-dialog.h"
#include "gf-store.h"
#include "gf-window.h"

/* The classifications offered, in the order of the drop-down. */
static const struct
{
  GfMapClassifyMethod  method;
  const char          *label;
} methods[] = {
  { GF_MAP_CLASSIFY_QUANTILE, N_("Quantiles") },
  { GF_MAP_CLASSIFY_EQUAL_INTERVAL, N_("Equal intervals") },
  { GF_MAP_CLASSIFY_THRESHOLDS, N_("Benchmark thresholds") },
};

typedef struct
{
  GfDatabase    *db;
  GfSlide       *slide;
  GArray        *ids;        /* gint64, the briefings in the order of the drop-down */
  GtkDropDown   *dropdown;
  GtkEntry      *entry;
  GtkDropDown   *classify;   /* maps coloured by an indicator, else NULL */
  GtkSpinButton *classes;
  GtkWidget     *parent;     /* weak pointer */
} DialogData;

static void
dialog_data_free (DialogData *data)
{
  g_clear_object (&data->db);
  g_clear_pointer (&data->slide, gf_slide_free);
  g_clear_pointer (&data->ids, g_array_unref);
  if (data->parent != NULL)
    g_object_remove_weak_pointer (G_OBJECT (data->parent), (gpointer *) &data->parent);
  g_free (data);
}

/**
 * gf_add_slide_to_briefing:
 * @briefing_id: the briefing, or 0 to create one named @new_name
 * @new_name: (nullable): the name of the new briefing when @briefing_id is 0
 * @slide: the slide to append
 * @out_name: (out) (optional) (transfer full): the briefing's name, for the toast
 *
 * Appends @slide to a briefing, creating the briefing first when asked, in one transaction:
 * a slide that cannot be stored leaves no empty new briefing behind.
 *
 * Returns: %TRUE on success
 */
gboolean
gf_add_slide_to_briefing (GfDatabase     *db,
                          gint64          briefing_id,
                          const char     *new_name,
                          const GfSlide  *slide,
                          char          **out_name,
                          GError        **error)
{
  g_autoptr(GfBriefing) briefing = NULL;
  gint64 id = briefing_id;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (slide != NULL, FALSE);
  g_return_val_if_fail (briefing_id > 0 || new_name != NULL, FALSE);

  if (!gf_database_begin (db, error))
    return FALSE;

  ok = (briefing_id > 0 || gf_store_create_briefing (db, new_name, NULL, &id, error))
       && gf_store_add_slide (db, id, slide, -1, NULL, error);
  if (!ok)
    {
      gf_database_rollback (db);
      return FALSE;
    }

  if (!gf_database_commit (db, "briefing", error))
    return FALSE;

  if (out_name != NULL)
    {
      briefing = gf_store_get_briefing (db, id, NULL);
      *out_name = g_strdup (briefing != NULL ? briefing->name : new_name);
    }

  return TRUE;
}

static gboolean
is_new (DialogData *data)
{
  return gtk_drop_down_get_selected (data->dropdown) >= data->ids->len;
}

static void
update_dialog (DialogData       *data,
               AdwMessageDialog *dialog)
{
  gboolean new_briefing = is_new (data);
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entry))));

  gtk_widget_set_visible (GTK_WIDGET (data->entry), new_briefing);
  adw_message_dialog_set_response_enabled (dialog, "add", !new_briefing || *name != '\0');
}

static void
dropdown_notify_cb (GtkDropDown      *dropdown,
                    GParamSpec       *pspec,
                    AdwMessageDialog *dialog)
{
  DialogData *data = g_object_get_data (G_OBJECT (dialog), "gf-data");

  update_dialog (data, dialog);
  if (is_new (data))
    gtk_widget_grab_focus (GTK_WIDGET (data->entry));
}

static void
entry_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  update_dialog (g_object_get_data (G_OBJECT (dialog), "gf-data"), dialog);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             DialogData       *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gint64 id = 0;
  GtkRoot *root;

  if (g_strcmp0 (response, "add") != 0)
    return;

  if (!is_new (data))
    id = g_array_index (data->ids, gint64, gtk_drop_down_get_selected (data->dropdown));

  if (data->classify != NULL)
    {
      guint method = gtk_drop_down_get_selected (data->classify);

      if (method < G_N_ELEMENTS (methods))
        data->slide->classify = methods[method].method;
      /* The benchmark makes its own classes. */
      data->slide->n_classes = data->slide->classify == GF_MAP_CLASSIFY_THRESHOLDS
                               ? 0 : (guint) gtk_spin_button_get_value_as_int (data->classes);
    }

  root = data->parent != NULL ? gtk_widget_get_root (data->parent) : NULL;
  if (!gf_add_slide_to_briefing (data->db, id, gtk_editable_get_text (GTK_EDITABLE (data->entry)),
                                 data->slide, &name, &error))
    message = g_strdup (error->message);
  else
    /* Translators: a toast; %s is the name of a briefing (汇报) */
    message = g_strdup_printf (_("Added to “%s”"), name);

  if (GF_IS_WINDOW (root))
    gf_window_add_toast (GF_WINDOW (root), message);
  else
    g_message ("%s", message);
}

static void
classify_notify_cb (GtkDropDown *dropdown,
                    GParamSpec  *pspec,
                    DialogData  *data)
{
  guint method = gtk_drop_down_get_selected (dropdown);

  gtk_widget_set_sensitive (GTK_WIDGET (data->classes),
                            method >= G_N_ELEMENTS (methods)
                            || methods[method].method != GF_MAP_CLASSIFY_THRESHOLDS);
}

/* Whether the indicator has a benchmark, without which thresholds cannot class it. */
static gboolean
has_benchmark (GfDatabase *db,
               const char *code)
{
  g_autoptr(GPtrArray) indicators = gf_store_list_indicators (db, NULL);

  for (guint i = 0; indicators != NULL && i < indicators->len; i++)
    {
      const GfIndicator *indicator = g_ptr_array_index (indicators, i);

      if (g_strcmp0 (indicator->code, code) == 0)
        return !isnan (indicator->benchmark);
    }

  return FALSE;
}

/* The classification of a map slide coloured by an indicator: a method and a number of
 * classes, as the map offers them. */
static void
add_classification (DialogData *data,
                    GtkBox     *box)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GfSlide *slide = data->slide;
  gboolean benchmark = has_benchmark (data->db, slide->indicators[0]);
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *label;
  guint selected = 0;

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      if (methods[i].method == GF_MAP_CLASSIFY_THRESHOLDS && !benchmark)
        continue;
      gtk_string_list_append (labels, _(methods[i].label));
      if (methods[i].method == slide->classify)
        selected = i;
    }

  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);

  label = gtk_label_new_with_mnemonic (_("C_lasses by"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 0, 1, 1);
  data->classify = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL));
  gtk_widget_set_name (GTK_WIDGET (data->classify), "classify");
  gtk_widget_set_hexpand (GTK_WIDGET (data->classify), TRUE);
  gtk_drop_down_set_selected (data->classify, selected);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (data->classify));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->classify),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Classification"), -1);
  gf_accessible_keep_label (GTK_WIDGET (data->classify));
  gf_accessible_label_drop_down (data->classify);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (data->classify), 1, 0, 1, 1);

  label = gtk_label_new_with_mnemonic (_("_Number of classes"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_grid_attach (GTK_GRID (grid), label, 0, 1, 1, 1);
  data->classes = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (3, GF_MAP_MAX_CLASSES, 1));
  gtk_widget_set_name (GTK_WIDGET (data->classes), "classes");
  gtk_widget_set_halign (GTK_WIDGET (data->classes), GTK_ALIGN_START);
  gtk_spin_button_set_value (data->classes, slide->n_classes >= 3
                                            && slide->n_classes <= GF_MAP_MAX_CLASSES
                                            ? slide->n_classes : GF_MAP_DEFAULT_CLASSES);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (data->classes));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->classes),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Number of classes"), -1);
  gf_accessible_keep_label (GTK_WIDGET (data->classes));
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (data->classes), 1, 1, 1, 1);

  g_signal_connect (data->classify, "notify::selected", G_CALLBACK (classify_notify_cb), data);
  classify_notify_cb (data->classify, NULL, data);

  gtk_box_append (box, grid);
}

/**
 * gf_add_slide_dialog_present:
 * @parent: the widget whose window the dialog belongs to
 * @slide: the slide to add; it is copied
 *
 * Asks which briefing to add @slide to, adds it and tells so in a toast of the main window.
 */
void
gf_add_slide_dialog_present (GtkWidget     *parent,
                             GfDatabase    *db,
                             const GfSlide *slide)
{
  g_autoptr(GPtrArray) briefings = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (parent);
  g_autofree char *description = NULL;
  AdwMessageDialog *dialog;
  DialogData *data;
  GtkWidget *box;
  GtkWidget *label;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (GF_IS_DATABASE (db));
  g_return_if_fail (slide != NULL);

  briefings = gf_store_list_briefings (db, &error);
  if (briefings == NULL)
    {
      g_message ("Could not read the briefings: %s", error->message);
      return;
    }

  data = g_new0 (DialogData, 1);
  data->db = g_object_ref (db);
  data->slide = gf_slide_copy (slide);
  data->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  data->parent = parent;
  g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &data->parent);

  for (guint i = 0; i < briefings->len; i++)
    {
      const GfBriefing *briefing = g_ptr_array_index (briefings, i);

      g_array_append_val (data->ids, briefing->id);
      gtk_string_list_append (names, briefing->name);
    }
  gtk_string_list_append (names, _("New briefing…"));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Add to Briefing"), NULL));
  adw_message_dialog_set_body (dialog, _("Choose the briefing that the slide is added to, at its end."));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  /* What will be added, in a line. */
  description = gf_slide_describe (slide);
  label = gtk_label_new (description);
  gtk_widget_set_name (label, "description");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_box_append (GTK_BOX (box), label);

  data->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Briefing"), -1);
  gf_accessible_label_drop_down (data->dropdown);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->dropdown));

  data->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (data->entry, _("Name of the new briefing"));
  gtk_entry_set_activates_default (data->entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (data->entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name of the new briefing"),
                                  -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (data->entry));

  if (slide->kind == GF_SLIDE_MAP && slide->indicators != NULL && slide->indicators[0] != NULL)
    add_classification (data, GTK_BOX (box));

  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add"),
                                    NULL);
  gf_accessible_name_mnemonic_buttons (GTK_WIDGET (dialog));
  adw_message_dialog_set_response_appearance (dialog, "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "add");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_object_set_data_full (G_OBJECT (dialog), "gf-data", data, (GDestroyNotify) dialog_data_free);
  g_signal_connect (data->dropdown, "notify::selected", G_CALLBACK (dropdown_notify_cb), dialog);
  g_signal_connect (data->entry, "changed", G_CALLBACK (entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (response_cb), data);

  update_dialog (data, dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
