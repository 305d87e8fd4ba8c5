/* gf-import-dialog.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Asks what a file holds before an import, or which records to write before an export.
 */

#define G_LOG_DOMAIN "gf-import-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gf-accessible.h"
#include "gf-import-dialog.h"

struct _GfImportDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwComboRow      *kind_row;
  GtkStringList    *kind_labels;
  AdwActionRow     *gcj02_row;
  GtkSwitch        *gcj02_switch;

  /* Owned */
  GFile            *file;
  gboolean          for_export;
};

G_DEFINE_FINAL_TYPE (GfImportDialog, gf_import_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* Labels of the importer's kinds, looked up by their stable names so that the order of the
 * enumeration may change. */
static const struct {
  const char *name;
  const char *label;
  const char *extension;
} kind_labels[] = {
  { "district", N_("District (CSV)"), "csv" },
  { "towns", N_("Towns (CSV)"), "csv" },
  { "villages", N_("Villages (CSV)"), "csv" },
  { "clusters", N_("Clusters (CSV)"), "csv" },
  { "cluster_members", N_("Cluster members (CSV)"), "csv" },
  { "alliances", N_("Party-building alliances (CSV)"), "csv" },
  { "organizations", N_("Organizations (CSV)"), "csv" },
  { "organization_owners", N_("Company owners (CSV)"), "csv" },
  { "alliance_members", N_("Alliance members (CSV)"), "csv" },
  { "sites", N_("Parks and sites (CSV)"), "csv" },
  { "observations", N_("Indicator values (CSV)"), "csv" },
  { "tasks", N_("Tasks (CSV)"), "csv" },
  { "activities", N_("Activities (CSV)"), "csv" },
  { "finance", N_("Loans and grants (CSV)"), "csv" },
  { "talents", N_("Talents (CSV)"), "csv" },
  { "score_rules", N_("Scoring rules (CSV)"), "csv" },
  { "boundaries", N_("Boundaries (GeoJSON)"), "geojson" },
  { "routes", N_("Routes (GeoJSON)"), "geojson" },
};

static int
find_kind_label (GfImportKind kind)
{
  const char *name = gf_import_kind_to_string (kind);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (kind_labels); i++)
    {
      if (g_str_equal (kind_labels[i].name, name))
        return (int) i;
    }

  return -1;
}

/**
 * gf_import_kind_get_label:
 *
 * Returns: the translated label of @kind, or its stable name when it has no label
 */
const char *
gf_import_kind_get_label (GfImportKind kind)
{
  int i = find_kind_label (kind);

  return i >= 0 ? _(kind_labels[i].label) : gf_import_kind_to_string (kind);
}

/**
 * gf_import_kind_get_extension:
 *
 * Returns: the file extension of @kind, without its dot
 */
const char *
gf_import_kind_get_extension (GfImportKind kind)
{
  int i = find_kind_label (kind);

  return i >= 0 ? kind_labels[i].extension : "csv";
}

/**
 * gf_import_kind_guess:
 *
 * Guesses the kind from a file name such as “villages.csv” or “村-villages-2024.csv”.
 *
 * Returns: the kind whose name the file's name holds; the longest one wins, so that
 *   “cluster_members.csv” is not taken for clusters
 */
GfImportKind
gf_import_kind_guess (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *lower = g_utf8_strdown (basename, -1);
  GfImportKind best = GF_IMPORT_VILLAGES;
  gsize best_length = 0;

  g_strdelimit (lower, "- ", '_');

  for (guint kind = 0; kind < GF_IMPORT_N_KINDS; kind++)
    {
      const char *name = gf_import_kind_to_string (kind);

      if (name != NULL && strstr (lower, name) != NULL && strlen (name) > best_length)
        {
          best = kind;
          best_length = strlen (name);
        }
    }

  if (best_length == 0
      && (g_str_has_suffix (lower, ".geojson") || g_str_has_suffix (lower, ".json")))
    best = GF_IMPORT_BOUNDARIES;

  return best;
}

static void
kind_row_notify_selected_cb (GfImportDialog *self)
{
  GfImportKind kind = gf_import_dialog_get_kind (self);

  gtk_widget_set_visible (GTK_WIDGET (self->gcj02_row),
                          !self->for_export
                          && (kind == GF_IMPORT_BOUNDARIES || kind == GF_IMPORT_ROUTES));
}

static void
gf_import_dialog_dispose (GObject *object)
{
  GfImportDialog *self = GF_IMPORT_DIALOG (object);

  g_clear_object (&self->file);
  gtk_widget_dispose_template (GTK_WIDGET (self), GF_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (gf_import_dialog_parent_class)->dispose (object);
}

static void
gf_import_dialog_class_init (GfImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = gf_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/gf-import-dialog.ui");

  /* Template widgets */
  gtk_widget_class_bind_template_child (widget_class, GfImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, GfImportDialog, kind_labels);
  gtk_widget_class_bind_template_child (widget_class, GfImportDialog, gcj02_row);
  gtk_widget_class_bind_template_child (widget_class, GfImportDialog, gcj02_switch);
}

static void
gf_import_dialog_init (GfImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint kind = 0; kind < GF_IMPORT_N_KINDS; kind++)
    gtk_string_list_append (self->kind_labels, gf_import_kind_get_label (kind));

  g_signal_connect_object (self->kind_row, "notify::selected",
                           G_CALLBACK (kind_row_notify_selected_cb), self, G_CONNECT_SWAPPED);
}

/**
 * gf_import_dialog_new:
 * @parent: the window
 * @for_export: whether the dialog chooses records to export rather than a file's contents
 * @file: (nullable): the file to import
 *
 * Returns: (transfer none): the dialog, owned by the window list; present it
 */
GfImportDialog *
gf_import_dialog_new (GtkWindow *parent,
                      gboolean   for_export,
                      GFile     *file)
{
  GfImportDialog *self;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (for_export || G_IS_FILE (file), NULL);

  self = g_object_new (GF_TYPE_IMPORT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->for_export = for_export;
  g_set_object (&self->file, file);

  if (for_export)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Export"));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                   _("Choose the records to export. Tables are saved as CSV "
                                     "files in UTF-8, boundaries and routes as GeoJSON."));
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "ok", _("_Export…"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("Records"));
      adw_combo_row_set_selected (self->kind_row, GF_IMPORT_VILLAGES);
    }
  else
    {
      g_autofree char *basename = g_file_get_basename (file);
      g_autofree char *body = NULL;

      /* Translators: %s is a file name */
      body = g_strdup_printf (_("Choose what “%s” holds. If any row is wrong, nothing is "
                                "imported and the message names the line and the field."),
                              basename);
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Import"));
      adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->kind_row), _("File contents"));
      adw_combo_row_set_selected (self->kind_row, gf_import_kind_guess (file));
    }

  kind_row_notify_selected_cb (self);
  /* Last: the export's own label for "ok" would read twice again */
  gf_accessible_name_mnemonic_buttons (GTK_WIDGET (self));

  return self;
}

GfImportKind
gf_import_dialog_get_kind (GfImportDialog *self)
{
  guint selected;

  g_return_val_if_fail (GF_IS_IMPORT_DIALOG (self), GF_IMPORT_VILLAGES);

  selected = adw_combo_row_get_selected (self->kind_row);
  return selected < GF_IMPORT_N_KINDS ? (GfImportKind) selected : GF_IMPORT_VILLAGES;
}

GfImportFlags
gf_import_dialog_get_flags (GfImportDialog *self)
{
  g_return_val_if_fail (GF_IS_IMPORT_DIALOG (self), GF_IMPORT_FLAGS_NONE);

  if (gtk_widget_get_visible (GTK_WIDGET (self->gcj02_row))
      && gtk_switch_get_active (self->gcj02_switch))
    return GF_IMPORT_FLAGS_GCJ02;

  return GF_IMPORT_FLAGS_NONE;
}

/**
 * gf_import_dialog_get_file:
 *
 * Returns: (transfer none) (nullable): the file to import
 */
GFile *
gf_import_dialog_get_file (GfImportDialog *self)
{
  g_return_val_if_fail (GF_IS_IMPORT_DIALOG (self), NULL);

  return self->file;
}
