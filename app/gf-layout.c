/* gf-layout.c
 * Copyright 2026 The Gongfu Atlas authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Planning of cluster layouts. A draft is a village → cluster map in memory, copied from a
 * saved layout; the planner moves villages, undoes and redoes, and sees the draft's totals
 * beside another layout's. Only gf_layout_draft_save() writes, in one transaction, and never
 * into the current layout: a layout becomes current by gf_layout_make_current() alone.
 *
 * Shapes are checked on the village adjacency graph (two villages are neighbours when their
 * boundaries share an edge, end points equal to about a centimetre) and on the second moments
 * of the members' area (see gf_layout_geometry_shape()).
 */

#define G_LOG_DOMAIN "gf-layout"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gf-aggregate.h"
#include "gf-geometry.h"
#include "gf-layout-private.h"

struct _GfLayoutDraft
{
  GObject      parent_instance;

  /* Owned */
  GfDatabase  *db;
  char        *name;
  gint64       base_id;
  gint64       saved_id;
  GHashTable  *membership;   /* village id → cluster id (gint64 *, owned) */
  GHashTable  *base;         /* the membership the draft started from, same form */
  GHashTable  *villages;     /* every village id of the database */
  GHashTable  *clusters;     /* every cluster id of the database */
  GPtrArray   *undo;         /* GArray of GfLayoutMove per step, oldest first */
  GPtrArray   *redo;         /* the same, the next step to redo last */
  int          saved_depth;  /* undo->len at the last save or load; -1 once unreachable */
};

G_DEFINE_FINAL_TYPE (GfLayoutDraft, gf_layout_draft, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_SAVED_ID,
  PROP_MODIFIED,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_QUARK (gf-layout-error-quark, gf_layout_error)

/* Helpers */

static GHashTable *
membership_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static GHashTable *
membership_copy (GHashTable *membership)
{
  GHashTable *copy = membership_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, membership);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy, g_memdup2 (key, sizeof (gint64)),
                         g_memdup2 (value, sizeof (gint64)));

  return copy;
}

static gint64
membership_lookup (GHashTable *membership,
                   gint64      village_id)
{
  gint64 *cluster = g_hash_table_lookup (membership, &village_id);

  return cluster != NULL ? *cluster : 0;
}

static void
membership_set (GHashTable *membership,
                gint64      village_id,
                gint64      cluster_id)
{
  if (cluster_id == 0)
    g_hash_table_remove (membership, &village_id);
  else
    g_hash_table_insert (membership, g_memdup2 (&village_id, sizeof village_id),
                         g_memdup2 (&cluster_id, sizeof cluster_id));
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 ia = *(const gint64 *) a, ib = *(const gint64 *) b;

  return (ia > ib) - (ia < ib);
}

/* Trims the name; an empty one is an error the user can act on. */
static char *
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*clean == '\0')
    {
      g_set_error_literal (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_INVALID,
                           _("A layout needs a name"));
      return NULL;
    }

  return g_steal_pointer (&clean);
}

static const GfLayoutInfo *
find_by_id (GPtrArray *list,
            gint64     id)
{
  for (guint i = 0; i < list->len; i++)
    {
      const GfLayoutInfo *info = g_ptr_array_index (list, i);

      if (info->id == id)
        return info;
    }

  return NULL;
}

static const GfLayoutInfo *
find_by_name (GPtrArray  *list,
              const char *name)
{
  for (guint i = 0; i < list->len; i++)
    {
      const GfLayoutInfo *info = g_ptr_array_index (list, i);

      if (g_strcmp0 (info->name, name) == 0)
        return info;
    }

  return NULL;
}

static const GfLayoutInfo *
find_by_id_or_fail (GPtrArray  *list,
                    gint64      id,
                    GError    **error)
{
  const GfLayoutInfo *info = find_by_id (list, id);

  if (info == NULL)
    g_set_error_literal (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND,
                         _("The layout no longer exists"));

  return info;
}

/* Layout @id, or %NULL with an error. It points into *@list, a fresh list of every layout,
 * which the caller frees. */
static const GfLayoutInfo *
load_layout (GfDatabase  *db,
             gint64       id,
             GPtrArray  **list,
             GError     **error)
{
  *list = _gf_store_layout_list (db, error);
  if (*list == NULL)
    return NULL;

  return find_by_id_or_fail (*list, id, error);
}

static gboolean
name_is_free (GPtrArray   *list,
              const char  *name,
              gint64       own_id,
              GError     **error)
{
  const GfLayoutInfo *other = find_by_name (list, name);

  if (other != NULL && other->id != own_id)
    {
      g_set_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_EXISTS,
                   _("Another layout is already called “%s”"), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
commit_or_rollback (GfDatabase  *db,
                    gboolean     ok,
                    GError     **error)
{
  if (!ok)
    {
      gf_database_rollback (db);
      return FALSE;
    }

  return gf_database_commit (db, "layout", error);
}

/* How a change to one saved layout starts: a transaction, and layout @id read inside it, so
 * that what the change checks is what it changes. Returns the layout as load_layout() does,
 * or %NULL with an error and no transaction left open. */
static const GfLayoutInfo *
begin_on_layout (GfDatabase  *db,
                 gint64       id,
                 GPtrArray  **list,
                 GError     **error)
{
  const GfLayoutInfo *info;

  if (!gf_database_begin (db, error))
    return NULL;

  info = load_layout (db, id, list, error);
  if (info == NULL)
    gf_database_rollback (db);

  return info;
}

/* Saved layouts */

void
gf_layout_info_free (GfLayoutInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->created_at);
  g_free (info);
}

/**
 * gf_layout_list:
 *
 * Returns: (transfer full) (element-type GfLayoutInfo) (nullable): every saved layout, in
 *   the order they were created
 */
GPtrArray *
gf_layout_list (GfDatabase  *db,
                GError     **error)
{
  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  return _gf_store_layout_list (db, error);
}

/**
 * gf_layout_find:
 * @name: a layout's name
 *
 * Returns: (transfer full) (nullable): the layout, or %NULL with %GF_LAYOUT_ERROR_NOT_FOUND
 *   when none has that name
 */
GfLayoutInfo *
gf_layout_find (GfDatabase  *db,
                const char  *name,
                GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  const GfLayoutInfo *info;
  GfLayoutInfo *copy;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  list = _gf_store_layout_list (db, error);
  if (list == NULL)
    return NULL;

  info = find_by_name (list, name);
  if (info == NULL)
    {
      g_set_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND,
                   _("There is no layout “%s”"), name);
      return NULL;
    }

  copy = g_memdup2 (info, sizeof *info);
  copy->name = g_strdup (info->name);
  copy->created_at = g_strdup (info->created_at);
  return copy;
}

/**
 * gf_layout_rename:
 * @name: the new name (trimmed)
 *
 * Renames a layout, the current one included: its name is not its content.
 *
 * Returns: %FALSE with %GF_LAYOUT_ERROR_EXISTS when another layout has @name
 */
gboolean
gf_layout_rename (GfDatabase  *db,
                  gint64       id,
                  const char  *name,
                  GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *clean = NULL;
  const GfLayoutInfo *info;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  clean = check_name (name, error);
  if (clean == NULL || (info = begin_on_layout (db, id, &list, error)) == NULL)
    return FALSE;

  ok = name_is_free (list, clean, id, error)
       && _gf_store_layout_rename (db, id, clean, error)
       && gf_store_audit (db, "layout-rename", clean, info->name, error);

  return commit_or_rollback (db, ok, error);
}

/**
 * gf_layout_delete:
 *
 * Deletes a layout and its memberships. The current layout cannot be deleted.
 *
 * Returns: %FALSE with %GF_LAYOUT_ERROR_CURRENT for the current layout
 */
gboolean
gf_layout_delete (GfDatabase  *db,
                  gint64       id,
                  GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  const GfLayoutInfo *info;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  if ((info = begin_on_layout (db, id, &list, error)) == NULL)
    return FALSE;

  if (info->is_current)
    {
      g_set_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_CURRENT,
                   _("“%s” is the current layout and cannot be deleted; make another layout "
                     "current first"), info->name);
      gf_database_rollback (db);
      return FALSE;
    }
  ok = _gf_store_layout_delete (db, id, error)
       && gf_store_audit (db, "layout-delete", info->name, NULL, error);

  return commit_or_rollback (db, ok, error);
}

/**
 * gf_layout_make_current:
 *
 * Makes @id the current layout and the one that was current an ordinary layout, in one
 * transaction. Every view of the current layout reloads on GfDatabase::changed ("layout").
 */
gboolean
gf_layout_make_current (GfDatabase  *db,
                        gint64       id,
                        GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  const GfLayoutInfo *info;
  gboolean ok;

  g_return_val_if_fail (GF_IS_DATABASE (db), FALSE);

  if ((info = begin_on_layout (db, id, &list, error)) == NULL)
    return FALSE;

  if (info->is_current)
    /* Nothing to change, and no GfDatabase::changed for nothing. */
    return gf_database_commit (db, NULL, error);
  ok = _gf_store_layout_set_current (db, id, error)
       && gf_store_audit (db, "layout-current", info->name, NULL, error);

  return commit_or_rollback (db, ok, error);
}

/**
 * gf_layout_get_membership:
 * @layout_id: a layout, or 0 for the current one
 *
 * Returns: (transfer full) (nullable): village id → cluster id (both gint64 *) of the layout;
 *   empty when @layout_id is 0 and no layout is current
 */
GHashTable *
gf_layout_get_membership (GfDatabase  *db,
                          gint64       layout_id,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  if (layout_id == 0)
    {
      if (!gf_store_current_layout (db, &layout_id, error))
        return NULL;
      if (layout_id == 0)
        return membership_new ();
    }
  else if (load_layout (db, layout_id, &list, error) == NULL)
    return NULL;

  return gf_store_cluster_membership (db, layout_id, error);
}

/**
 * gf_layout_diff:
 * @a: village id → cluster id (both gint64 *)
 * @b: the same for the other layout
 *
 * Returns: (transfer full) (element-type GfLayoutMove): the villages whose cluster differs,
 *   by village id
 */
GArray *
gf_layout_diff (GHashTable *a,
                GHashTable *b)
{
  g_autoptr(GArray) moves = g_array_new (FALSE, FALSE, sizeof (GfLayoutMove));
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GfLayoutMove move = { *(gint64 *) key, *(gint64 *) value,
                            membership_lookup (b, *(gint64 *) key) };

      if (move.from_cluster != move.to_cluster)
        g_array_append_val (moves, move);
    }

  g_hash_table_iter_init (&iter, b);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (a, key))
      {
        GfLayoutMove move = { *(gint64 *) key, 0, *(gint64 *) value };
        g_array_append_val (moves, move);
      }

  /* GfLayoutMove starts with the village id. */
  g_array_sort (moves, compare_gint64);
  return g_steal_pointer (&moves);
}

/* Drafts */

static void
step_free (gpointer data)
{
  g_array_unref (data);
}

static void
gf_layout_draft_finalize (GObject *object)
{
  GfLayoutDraft *self = (GfLayoutDraft *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->membership, g_hash_table_unref);
  g_clear_pointer (&self->base, g_hash_table_unref);
  g_clear_pointer (&self->villages, g_hash_table_unref);
  g_clear_pointer (&self->clusters, g_hash_table_unref);
  g_clear_pointer (&self->undo, g_ptr_array_unref);
  g_clear_pointer (&self->redo, g_ptr_array_unref);

  G_OBJECT_CLASS (gf_layout_draft_parent_class)->finalize (object);
}

static void
gf_layout_draft_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GfLayoutDraft *self = GF_LAYOUT_DRAFT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SAVED_ID:
      g_value_set_int64 (value, self->saved_id);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, gf_layout_draft_get_modified (self));
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, gf_layout_draft_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, gf_layout_draft_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_layout_draft_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GfLayoutDraft *self = GF_LAYOUT_DRAFT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      gf_layout_draft_set_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gf_layout_draft_class_init (GfLayoutDraftClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gf_layout_draft_finalize;
  object_class->get_property = gf_layout_draft_get_property;
  object_class->set_property = gf_layout_draft_set_property;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVED_ID] =
    g_param_spec_int64 ("saved-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GfLayoutDraft::changed:
   *
   * Emitted once after every assignment, undo or redo that moved at least one village, so
   * that a view refreshes its colours, totals and warnings.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gf_layout_draft_init (GfLayoutDraft *self)
{
  self->undo = g_ptr_array_new_with_free_func (step_free);
  self->redo = g_ptr_array_new_with_free_func (step_free);
}

typedef struct
{
  gboolean modified;
  gboolean can_undo;
  gboolean can_redo;
} DraftState;

static DraftState
draft_state (GfLayoutDraft *self)
{
  return (DraftState) { gf_layout_draft_get_modified (self), gf_layout_draft_can_undo (self),
                        gf_layout_draft_can_redo (self) };
}

static void
notify_state (GfLayoutDraft    *self,
              const DraftState *before)
{
  DraftState after = draft_state (self);

  if (after.modified != before->modified)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
  if (after.can_undo != before->can_undo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (after.can_redo != before->can_redo)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static GfLayoutDraft *
draft_new (GfDatabase  *db,
           gint64       layout_id,
           GError     **error)
{
  g_autoptr(GfLayoutDraft) self = g_object_new (GF_TYPE_LAYOUT_DRAFT, NULL);
  g_autoptr(GPtrArray) clusters = NULL;

  self->db = g_object_ref (db);
  self->base_id = layout_id;

  if (layout_id != 0)
    self->membership = gf_store_cluster_membership (db, layout_id, error);
  else
    self->membership = membership_new ();
  if (self->membership == NULL
      || (self->villages = _gf_store_layout_village_ids (db, error)) == NULL
      || (clusters = gf_store_list_clusters (db, error)) == NULL)
    return NULL;

  self->clusters = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < clusters->len; i++)
    {
      const GfClusterRecord *record = g_ptr_array_index (clusters, i);

      g_hash_table_add (self->clusters, g_memdup2 (&record->id, sizeof record->id));
    }

  self->base = membership_copy (self->membership);
  return g_steal_pointer (&self);
}

/**
 * gf_layout_draft_new_from:
 * @db: the database; a reference is taken
 * @base_layout_id: the layout to copy, or 0 for the current one (an empty draft when the
 *   database has no current layout)
 * @name: (nullable): the name the draft will be saved under; it can be set later
 *
 * A new, unsaved draft with the memberships of @base_layout_id. Nothing is written until
 * gf_layout_draft_save().
 *
 * Returns: (transfer full) (nullable): the draft, or %NULL with %GF_LAYOUT_ERROR_NOT_FOUND
 *   when @base_layout_id does not exist
 */
GfLayoutDraft *
gf_layout_draft_new_from (GfDatabase  *db,
                          gint64       base_layout_id,
                          const char  *name,
                          GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  GfLayoutDraft *self;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (base_layout_id >= 0, NULL);

  if (base_layout_id == 0)
    {
      if (!gf_store_current_layout (db, &base_layout_id, error))
        return NULL;
    }
  else if (load_layout (db, base_layout_id, &list, error) == NULL)
    return NULL;

  self = draft_new (db, base_layout_id, error);
  if (self != NULL)
    self->name = g_strdup (name);

  return self;
}

/**
 * gf_layout_draft_open:
 * @db: the database; a reference is taken
 * @layout_id: a saved layout
 *
 * A draft of a saved layout itself: gf_layout_draft_save() replaces that layout's members
 * (and name). A draft of the current layout can be opened and edited, but not saved in place:
 * save it under another name with gf_layout_draft_save_as().
 *
 * Returns: (transfer full) (nullable): the draft
 */
GfLayoutDraft *
gf_layout_draft_open (GfDatabase  *db,
                      gint64       layout_id,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = NULL;
  const GfLayoutInfo *info;
  GfLayoutDraft *self;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  if ((info = load_layout (db, layout_id, &list, error)) == NULL)
    return NULL;

  self = draft_new (db, layout_id, error);
  if (self != NULL)
    {
      self->name = g_strdup (info->name);
      self->saved_id = layout_id;
    }

  return self;
}

/**
 * gf_layout_draft_get_database:
 *
 * Returns: (transfer none): the draft's database
 */
GfDatabase *
gf_layout_draft_get_database (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), NULL);

  return self->db;
}

/**
 * gf_layout_draft_get_name:
 *
 * Returns: (nullable): the name the draft is saved under
 */
const char *
gf_layout_draft_get_name (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), NULL);

  return self->name;
}

/**
 * gf_layout_draft_set_name:
 * @name: (nullable): the name for the next gf_layout_draft_save()
 *
 * Takes effect in the database at the next save (a rename of the saved layout).
 */
void
gf_layout_draft_set_name (GfLayoutDraft *self,
                          const char    *name)
{
  g_return_if_fail (GF_IS_LAYOUT_DRAFT (self));

  if (g_strcmp0 (self->name, name) == 0)
    return;

  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/**
 * gf_layout_draft_get_base_id:
 *
 * Returns: the layout the draft was copied from (0 for an empty draft)
 */
gint64
gf_layout_draft_get_base_id (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), 0);

  return self->base_id;
}

/**
 * gf_layout_draft_get_saved_id:
 *
 * Returns: the layout the draft saves into, or 0 until its first save
 */
gint64
gf_layout_draft_get_saved_id (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), 0);

  return self->saved_id;
}

/**
 * gf_layout_draft_get_modified:
 *
 * Returns: whether the memberships differ from the last save (or from the copied layout);
 *   undoing back to that state makes it %FALSE again
 */
gboolean
gf_layout_draft_get_modified (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), FALSE);

  return self->saved_depth != (int) self->undo->len;
}

/**
 * gf_layout_draft_get_cluster:
 *
 * Returns: the village's cluster in the draft, 0 for none
 */
gint64
gf_layout_draft_get_cluster (GfLayoutDraft *self,
                             gint64         village_id)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), 0);

  return membership_lookup (self->membership, village_id);
}

/**
 * gf_layout_draft_get_membership:
 *
 * The draft's memberships, for gf_layout_totals(), gf_layout_check() and the map. Valid until
 * the next change; do not modify it.
 *
 * Returns: (transfer none): village id → cluster id (both gint64 *)
 */
GHashTable *
gf_layout_draft_get_membership (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), NULL);

  return self->membership;
}

/**
 * gf_layout_draft_get_members:
 *
 * Returns: (transfer full) (element-type gint64): the villages of @cluster_id, ascending
 */
GArray *
gf_layout_draft_get_members (GfLayoutDraft *self,
                             gint64         cluster_id)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), NULL);

  g_hash_table_iter_init (&iter, self->membership);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (*(gint64 *) value == cluster_id)
      g_array_append_val (members, *(gint64 *) key);
  g_array_sort (members, compare_gint64);

  return g_steal_pointer (&members);
}

/**
 * gf_layout_draft_get_changes:
 *
 * Returns: (transfer full) (element-type GfLayoutMove): the villages whose cluster differs
 *   from the layout the draft was copied from, by village id
 */
GArray *
gf_layout_draft_get_changes (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), NULL);

  return gf_layout_diff (self->base, self->membership);
}

static void
apply_step (GfLayoutDraft *self,
            GArray        *step,
            gboolean       forward)
{
  for (guint i = 0; i < step->len; i++)
    {
      const GfLayoutMove *move = &g_array_index (step, GfLayoutMove, i);

      membership_set (self->membership, move->village_id,
                      forward ? move->to_cluster : move->from_cluster);
    }
}

/**
 * gf_layout_draft_assign_many:
 * @village_ids: (array length=n_villages): villages, such as a lasso selection
 * @cluster_id: their new cluster, or 0 to take them out of any cluster
 *
 * Moves the villages in one step, which one gf_layout_draft_undo() takes back. Villages
 * already in @cluster_id are left alone; when none moves, nothing happens.
 *
 * Returns: %FALSE with %GF_LAYOUT_ERROR_NOT_FOUND when a village or the cluster does not
 *   exist; the draft is then unchanged
 */
gboolean
gf_layout_draft_assign_many (GfLayoutDraft  *self,
                             const gint64   *village_ids,
                             guint           n_villages,
                             gint64          cluster_id,
                             GError        **error)
{
  g_autoptr(GArray) step = NULL;
  g_autoptr(GHashTable) seen = NULL;
  DraftState before;

  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), FALSE);
  g_return_val_if_fail (village_ids != NULL || n_villages == 0, FALSE);
  g_return_val_if_fail (cluster_id >= 0, FALSE);

  if (cluster_id != 0 && !g_hash_table_contains (self->clusters, &cluster_id))
    {
      g_set_error_literal (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND,
                           _("There is no such cluster"));
      return FALSE;
    }

  step = g_array_new (FALSE, FALSE, sizeof (GfLayoutMove));
  seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < n_villages; i++)
    {
      GfLayoutMove move = { village_ids[i], 0, cluster_id };

      if (!g_hash_table_contains (self->villages, &village_ids[i]))
        {
          g_set_error_literal (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND,
                               _("There is no such village"));
          return FALSE;
        }
      /* A village selected twice moves once. */
      if (!g_hash_table_add (seen, (gpointer) &village_ids[i]))
        continue;

      move.from_cluster = membership_lookup (self->membership, village_ids[i]);
      if (move.from_cluster != move.to_cluster)
        g_array_append_val (step, move);
    }

  if (step->len == 0)
    return TRUE;

  before = draft_state (self);
  apply_step (self, step, TRUE);
  g_ptr_array_add (self->undo, g_steal_pointer (&step));
  g_ptr_array_set_size (self->redo, 0);
  /* The saved state was on the redo side: no undo reaches it any more. */
  if (self->saved_depth >= (int) self->undo->len)
    self->saved_depth = -1;

  notify_state (self, &before);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * gf_layout_draft_assign:
 * @cluster_id: the village's new cluster, or 0 for none
 *
 * Moves one village; see gf_layout_draft_assign_many().
 */
gboolean
gf_layout_draft_assign (GfLayoutDraft  *self,
                        gint64          village_id,
                        gint64          cluster_id,
                        GError        **error)
{
  return gf_layout_draft_assign_many (self, &village_id, 1, cluster_id, error);
}

gboolean
gf_layout_draft_can_undo (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), FALSE);

  return self->undo->len > 0;
}

gboolean
gf_layout_draft_can_redo (GfLayoutDraft *self)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), FALSE);

  return self->redo->len > 0;
}

/**
 * gf_layout_draft_undo:
 *
 * Takes back the last assignment (all villages of it).
 *
 * Returns: %FALSE when there was nothing to undo
 */
gboolean
gf_layout_draft_undo (GfLayoutDraft *self)
{
  DraftState before;
  GArray *step;

  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), FALSE);

  if (self->undo->len == 0)
    return FALSE;

  before = draft_state (self);
  step = g_ptr_array_steal_index (self->undo, self->undo->len - 1);
  apply_step (self, step, FALSE);
  g_ptr_array_add (self->redo, step);

  notify_state (self, &before);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

/**
 * gf_layout_draft_redo:
 *
 * Returns: %FALSE when there was nothing to redo
 */
gboolean
gf_layout_draft_redo (GfLayoutDraft *self)
{
  DraftState before;
  GArray *step;

  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), FALSE);

  if (self->redo->len == 0)
    return FALSE;

  before = draft_state (self);
  step = g_ptr_array_steal_index (self->redo, self->redo->len - 1);
  apply_step (self, step, TRUE);
  g_ptr_array_add (self->undo, step);

  notify_state (self, &before);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
draft_save (GfLayoutDraft  *self,
            const char     *name,
            gboolean        as_new,
            GError        **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *detail = NULL;
  gint64 id = as_new ? 0 : self->saved_id;
  DraftState before;
  gboolean ok;

  clean = check_name (name, error);
  if (clean == NULL || !gf_database_begin (self->db, error))
    return FALSE;

  ok = (list = _gf_store_layout_list (self->db, error)) != NULL;
  if (ok && id != 0)
    {
      const GfLayoutInfo *info = find_by_id (list, id);

      if (info == NULL)
        {
          g_set_error_literal (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_NOT_FOUND,
                               _("The layout of this draft was deleted; save the draft under "
                                 "a new name"));
          ok = FALSE;
        }
      else if (info->is_current)
        {
          g_set_error (error, GF_LAYOUT_ERROR, GF_LAYOUT_ERROR_CURRENT,
                       _("“%s” is the current layout; copy it to a draft first"), info->name);
          ok = FALSE;
        }
      else
        ok = name_is_free (list, clean, id, error)
             && (g_str_equal (info->name, clean)
                 || _gf_store_layout_rename (self->db, id, clean, error));
    }
  else if (ok)
    ok = name_is_free (list, clean, 0, error)
         && _gf_store_layout_insert (self->db, clean, &id, error);

  detail = g_strdup_printf ("%u", g_hash_table_size (self->membership));
  ok = ok && _gf_store_layout_set_members (self->db, id, self->membership, error)
       && gf_store_audit (self->db, "layout-save", clean, detail, error);

  if (!commit_or_rollback (self->db, ok, error))
    return FALSE;

  before = draft_state (self);
  g_object_freeze_notify (G_OBJECT (self));
  gf_layout_draft_set_name (self, clean);
  if (self->saved_id != id)
    {
      self->saved_id = id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_ID]);
    }
  self->saved_depth = (int) self->undo->len;
  notify_state (self, &before);
  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}

/**
 * gf_layout_draft_save:
 *
 * Writes the draft in one transaction: the first save creates a layout named after the draft
 * (never current); later saves replace that layout's members and name. A draft whose layout
 * has meanwhile become current is not saved (%GF_LAYOUT_ERROR_CURRENT): use
 * gf_layout_draft_save_as(). On failure nothing is written and the draft is unchanged.
 *
 * Returns: %FALSE with %GF_LAYOUT_ERROR_INVALID without a name, %GF_LAYOUT_ERROR_EXISTS when
 *   another layout has the name
 */
gboolean
gf_layout_draft_save (GfLayoutDraft  *self,
                      GError        **error)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), FALSE);

  return draft_save (self, self->name, FALSE, error);
}

/**
 * gf_layout_draft_save_as:
 * @name: the new layout's name
 *
 * Writes the draft as a new layout (never current) in one transaction; the draft then saves
 * into that one.
 */
gboolean
gf_layout_draft_save_as (GfLayoutDraft  *self,
                         const char     *name,
                         GError        **error)
{
  g_return_val_if_fail (GF_IS_LAYOUT_DRAFT (self), FALSE);

  return draft_save (self, name, TRUE, error);
}

/* Totals */

static void
cluster_totals_free (GfLayoutClusterTotals *cluster)
{
  g_free (cluster->name);
  g_free (cluster->color);
  g_free (cluster->values);
  g_free (cluster->n_reporting);
  g_free (cluster);
}

void
gf_layout_totals_free (GfLayoutTotals *totals)
{
  if (totals == NULL)
    return;

  g_clear_pointer (&totals->indicators, g_ptr_array_unref);
  g_clear_pointer (&totals->clusters, g_ptr_array_unref);
  g_free (totals);
}

typedef struct
{
  GHashTable      *membership;
  GHashTable      *by_cluster;    /* cluster id → GfLayoutClusterTotals (borrowed) */
  GfLayoutTotals  *totals;
} TotalsLoader;

static gboolean
totals_village_cb (const GfStoreLayoutVillage  *village,
                   gpointer                     user_data,
                   GError                     **error)
{
  TotalsLoader *loader = user_data;
  gint64 cluster = membership_lookup (loader->membership, village->id);
  GfLayoutClusterTotals *entry;
  double area_km2 = village->area_km2;

  if (cluster == 0)
    {
      loader->totals->n_unassigned++;
      return TRUE;
    }

  entry = g_hash_table_lookup (loader->by_cluster, &cluster);
  g_assert (entry != NULL);

  if (village->population >= 0)
    {
      entry->population += village->population;
      entry->n_population_known++;
    }

  if (isnan (area_km2) && village->boundary != NULL)
    {
      g_autoptr(GfGeometry) boundary = gf_geometry_new_from_blob (village->boundary,
                                                                  village->boundary_size, error);

      if (boundary == NULL)
        return FALSE;
      area_km2 = gf_geometry_area_m2 (boundary) / 1e6;
    }
  if (!isnan (area_km2))
    {
      entry->area_km2 += area_km2;
      entry->n_area_known++;
    }

  return TRUE;
}

static int
compare_cluster_totals (gconstpointer a,
                        gconstpointer b)
{
  const GfLayoutClusterTotals *ca = *(GfLayoutClusterTotals * const *) a;
  const GfLayoutClusterTotals *cb = *(GfLayoutClusterTotals * const *) b;

  return (ca->cluster_id > cb->cluster_id) - (ca->cluster_id < cb->cluster_id);
}

/**
 * gf_layout_totals:
 * @membership: village id → cluster id (both gint64 *): a draft's
 *   (gf_layout_draft_get_membership()) or a saved layout's (gf_layout_get_membership())
 * @year: the year of the indicator values, or 0 for the last year with data
 *
 * The totals of every cluster with members: villages, area, population, and every indicator
 * of the catalogue aggregated by its own rule (the rules of GfAggregator: sums, means, weighted
 * means, derived sums).
 *
 * Returns: (transfer full) (nullable): the totals
 */
GfLayoutTotals *
gf_layout_totals (GfDatabase  *db,
                  GHashTable  *membership,
                  int          year,
                  GError     **error)
{
  g_autoptr(GfLayoutTotals) totals = g_new0 (GfLayoutTotals, 1);
  g_autoptr(GfAggregator) aggregator = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GHashTable) by_cluster = NULL;
  GHashTableIter iter;
  gpointer key, value;
  TotalsLoader loader;
  guint n_ind;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);
  g_return_val_if_fail (membership != NULL, NULL);

  if (year == 0)
    {
      int first_year;

      if (!gf_store_year_range (db, &first_year, &year, error))
        return NULL;
    }
  totals->year = year;

  aggregator = gf_aggregator_new_for_membership (db, membership, error);
  if (aggregator == NULL || (records = gf_store_list_clusters (db, error)) == NULL)
    return NULL;

  totals->indicators = g_ptr_array_ref (gf_aggregator_get_indicators (aggregator));
  n_ind = totals->indicators->len;
  totals->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_totals_free);
  by_cluster = g_hash_table_new (g_int64_hash, g_int64_equal);

  g_hash_table_iter_init (&iter, membership);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GfLayoutClusterTotals *entry = g_hash_table_lookup (by_cluster, value);

      if (entry == NULL)
        {
          entry = g_new0 (GfLayoutClusterTotals, 1);
          entry->cluster_id = *(gint64 *) value;
          entry->values = g_new (double, MAX (n_ind, 1));
          entry->n_reporting = g_new0 (guint, MAX (n_ind, 1));
          for (guint i = 0; i < n_ind; i++)
            entry->values[i] = NAN;
          for (guint c = 0; c < records->len; c++)
            {
              const GfClusterRecord *record = g_ptr_array_index (records, c);

              if (record->id == entry->cluster_id)
                {
                  entry->name = g_strdup (record->name);
                  entry->color = g_strdup (record->color);
                }
            }
          if (entry->name == NULL)
            entry->name = g_strdup_printf ("#%" G_GINT64_FORMAT, entry->cluster_id);
          g_ptr_array_add (totals->clusters, entry);
          g_hash_table_insert (by_cluster, &entry->cluster_id, entry);
        }
      entry->n_villages++;
    }
  g_ptr_array_sort (totals->clusters, compare_cluster_totals);

  loader = (TotalsLoader) { membership, by_cluster, totals };
  if (!_gf_store_layout_foreach_village (db, totals_village_cb, &loader, error))
    return NULL;
  for (guint c = 0; c < totals->clusters->len; c++)
    {
      GfLayoutClusterTotals *entry = g_ptr_array_index (totals->clusters, c);

      entry->area_mu = entry->area_km2 * 1e6 / GF_M2_PER_MU;
    }

  for (guint i = 0; i < n_ind; i++)
    {
      const GfIndicator *ind = g_ptr_array_index (totals->indicators, i);
      g_autoptr(GArray) groups = gf_aggregator_by_cluster (aggregator, ind, year, error);

      if (groups == NULL)
        return NULL;
      for (guint g = 0; g < groups->len; g++)
        {
          const GfGroupValue *gv = &g_array_index (groups, GfGroupValue, g);
          GfLayoutClusterTotals *entry = g_hash_table_lookup (by_cluster, &gv->group_id);

          g_assert (entry != NULL);
          entry->values[i] = gv->value;
          entry->n_reporting[i] = gv->n_reporting;
        }
    }

  return g_steal_pointer (&totals);
}

/**
 * gf_layout_totals_for_layout:
 * @layout_id: a saved layout, or 0 for the current one
 *
 * gf_layout_totals() of a saved layout, such as the current one beside a draft.
 *
 * Returns: (transfer full) (nullable): the totals
 */
GfLayoutTotals *
gf_layout_totals_for_layout (GfDatabase  *db,
                             gint64       layout_id,
                             int          year,
                             GError     **error)
{
  g_autoptr(GHashTable) membership = gf_layout_get_membership (db, layout_id, error);

  if (membership == NULL)
    return NULL;

  return gf_layout_totals (db, membership, year, error);
}

/**
 * gf_layout_totals_find_cluster:
 *
 * Returns: (transfer none) (nullable): the cluster's totals, %NULL when it has no members
 */
const GfLayoutClusterTotals *
gf_layout_totals_find_cluster (const GfLayoutTotals *totals,
                               gint64                cluster_id)
{
  g_return_val_if_fail (totals != NULL, NULL);

  for (guint c = 0; c < totals->clusters->len; c++)
    {
      const GfLayoutClusterTotals *entry = g_ptr_array_index (totals->clusters, c);

      if (entry->cluster_id == cluster_id)
        return entry;
    }

  return NULL;
}

/**
 * gf_layout_totals_find_indicator:
 *
 * Returns: the index of the indicator of that code in @totals's values, or -1
 */
int
gf_layout_totals_find_indicator (const GfLayoutTotals *totals,
                                 const char           *code)
{
  g_return_val_if_fail (totals != NULL, -1);
  g_return_val_if_fail (code != NULL, -1);

  for (guint i = 0; i < totals->indicators->len; i++)
    if (g_str_equal (((GfIndicator *) g_ptr_array_index (totals->indicators, i))->code, code))
      return (int) i;

  return -1;
}

static GfLayoutDelta
delta (double a,
       double b)
{
  GfLayoutDelta d = { a, b, NAN, NAN };

  if (!isnan (a) && !isnan (b))
    {
      d.diff = b - a;
      if (a != 0)
        d.percent = d.diff / fabs (a) * 100.0;
    }

  return d;
}

static void
cluster_comparison_free (GfLayoutClusterComparison *cluster)
{
  g_free (cluster->name);
  g_free (cluster->values);
  g_free (cluster);
}

void
gf_layout_comparison_free (GfLayoutComparison *comparison)
{
  if (comparison == NULL)
    return;

  g_clear_pointer (&comparison->indicators, g_ptr_array_unref);
  g_clear_pointer (&comparison->clusters, g_ptr_array_unref);
  g_free (comparison);
}

/**
 * gf_layout_compare:
 * @a: the totals of the first layout (typically the current one)
 * @b: the totals of the second (typically the draft), of the same database and year
 *
 * Side by side, per cluster: @b's figures against @a's, with the difference and the change in
 * percent. A cluster with members on one side only is compared with 0 villages, 0 area and
 * 0 population, and no indicator values, on the other.
 *
 * Returns: (transfer full): the comparison
 */
GfLayoutComparison *
gf_layout_compare (const GfLayoutTotals *a,
                   const GfLayoutTotals *b)
{
  g_autoptr(GfLayoutComparison) comparison = g_new0 (GfLayoutComparison, 1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_ind;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);
  g_return_val_if_fail (a->year == b->year, NULL);
  g_return_val_if_fail (a->indicators->len == b->indicators->len, NULL);

  n_ind = a->indicators->len;
  comparison->year = a->year;
  comparison->indicators = g_ptr_array_ref (a->indicators);
  comparison->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) cluster_comparison_free);

  for (guint c = 0; c < a->clusters->len; c++)
    {
      gint64 id = ((GfLayoutClusterTotals *) g_ptr_array_index (a->clusters, c))->cluster_id;

      g_array_append_val (ids, id);
    }
  for (guint c = 0; c < b->clusters->len; c++)
    {
      gint64 id = ((GfLayoutClusterTotals *) g_ptr_array_index (b->clusters, c))->cluster_id;

      if (gf_layout_totals_find_cluster (a, id) == NULL)
        g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_gint64);

  for (guint k = 0; k < ids->len; k++)
    {
      gint64 id = g_array_index (ids, gint64, k);
      const GfLayoutClusterTotals *ca = gf_layout_totals_find_cluster (a, id);
      const GfLayoutClusterTotals *cb = gf_layout_totals_find_cluster (b, id);
      GfLayoutClusterComparison *entry = g_new0 (GfLayoutClusterComparison, 1);

      entry->cluster_id = id;
      entry->name = g_strdup (ca != NULL ? ca->name : cb->name);
      entry->in_a = ca != NULL;
      entry->in_b = cb != NULL;
      entry->villages = delta (ca ? ca->n_villages : 0, cb ? cb->n_villages : 0);
      entry->area_km2 = delta (ca ? ca->area_km2 : 0, cb ? cb->area_km2 : 0);
      entry->area_mu = delta (ca ? ca->area_mu : 0, cb ? cb->area_mu : 0);
      entry->population = delta (ca ? (double) ca->population : 0,
                                 cb ? (double) cb->population : 0);
      entry->values = g_new (GfLayoutDelta, MAX (n_ind, 1));
      for (guint i = 0; i < n_ind; i++)
        entry->values[i] = delta (ca ? ca->values[i] : NAN, cb ? cb->values[i] : NAN);
      g_ptr_array_add (comparison->clusters, entry);
    }

  return g_steal_pointer (&comparison);
}

/**
 * gf_layout_comparison_find_cluster:
 *
 * Returns: (transfer none) (nullable): the cluster's row
 */
const GfLayoutClusterComparison *
gf_layout_comparison_find_cluster (const GfLayoutComparison *comparison,
                                   gint64                    cluster_id)
{
  g_return_val_if_fail (comparison != NULL, NULL);

  for (guint c = 0; c < comparison->clusters->len; c++)
    {
      const GfLayoutClusterComparison *entry = g_ptr_array_index (comparison->clusters, c);

      if (entry->cluster_id == cluster_id)
        return entry;
    }

  return NULL;
}

static void
add_delta (JsonBuilder         *b,
           const char          *member,
           const GfLayoutDelta *d)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "a");
  gf_json_add_number_or_null (b, d->a);
  json_builder_set_member_name (b, "b");
  gf_json_add_number_or_null (b, d->b);
  json_builder_set_member_name (b, "diff");
  gf_json_add_number_or_null (b, d->diff);
  json_builder_set_member_name (b, "percent");
  gf_json_add_number_or_null (b, d->percent);
  json_builder_end_object (b);
}

/**
 * gf_layout_comparison_to_json:
 *
 * Returns: (transfer full): {"year", "indicators": [{code, name_zh, name_en, unit}],
 *   "clusters": [{id, name, in_a, in_b, villages, area_km2, area_mu, population,
 *   "indicators": {code: …}}]} where every figure is {a, b, diff, percent}, null when unknown
 */
JsonNode *
gf_layout_comparison_to_json (const GfLayoutComparison *comparison)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  g_return_val_if_fail (comparison != NULL, NULL);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, comparison->year);

  json_builder_set_member_name (b, "indicators");
  gf_json_add_indicators (b, comparison->indicators);

  json_builder_set_member_name (b, "clusters");
  json_builder_begin_array (b);
  for (guint c = 0; c < comparison->clusters->len; c++)
    {
      const GfLayoutClusterComparison *entry = g_ptr_array_index (comparison->clusters, c);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, entry->cluster_id);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, entry->name);
      json_builder_set_member_name (b, "in_a");
      json_builder_add_boolean_value (b, entry->in_a);
      json_builder_set_member_name (b, "in_b");
      json_builder_add_boolean_value (b, entry->in_b);
      add_delta (b, "villages", &entry->villages);
      add_delta (b, "area_km2", &entry->area_km2);
      add_delta (b, "area_mu", &entry->area_mu);
      add_delta (b, "population", &entry->population);
      json_builder_set_member_name (b, "indicators");
      json_builder_begin_object (b);
      for (guint i = 0; i < comparison->indicators->len; i++)
        add_delta (b, ((GfIndicator *) g_ptr_array_index (comparison->indicators, i))->code,
                   &entry->values[i]);
      json_builder_end_object (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

/* Shapes */

/* The area of a village and its first and second moments, ∫dA, ∫x dA, ∫y dA, ∫x² dA, ∫xy dA,
 * ∫y² dA, relative to the geometry's origin. Sums of villages are the moments of their union,
 * since village boundaries do not overlap. */
typedef struct
{
  double a;
  double sx;
  double sy;
  double ixx;
  double ixy;
  double iyy;
} Moments;

struct _GfLayoutGeometry
{
  gboolean     geographic;     /* x, y are degrees of longitude and latitude; else Mercator */
  double       origin_x;
  double       origin_y;
  guint        n_villages;
  gint64      *ids;            /* by index */
  Moments     *moments;        /* by index; a = 0 for a village without a boundary */
  guint       *adj_start;      /* CSR: neighbours of village i are adj_ids[adj_start[i] …] */
  gint64      *adj_ids;        /* neighbour ids, ascending per village */
  GHashTable  *index;          /* village id → index + 1 (keys point into ids) */
  GHashTable  *cluster_names;  /* cluster id (owned gint64 *) → name (owned) */
};

/* One edge of a ring, its end points quantised and in a canonical order. */
typedef struct
{
  gint64  ax, ay, bx, by;
  guint   village;
} EdgeRecord;

typedef struct
{
  GfLayoutGeometry *geometry;
  double            quantum;     /* coordinate units per quantisation step, inverted */
  gboolean          has_origin;
  GArray           *ids;         /* gint64 */
  GArray           *moments;     /* Moments */
  GArray           *edges;       /* EdgeRecord */
} Builder;

static void
builder_begin (Builder  *b,
               gboolean  geographic)
{
  b->geometry = g_new0 (GfLayoutGeometry, 1);
  b->geometry->geographic = geographic;
  /* About a centimetre: 1e-7° of latitude is 1.1 cm; 2⁻³² of the Mercator world is 0.9 cm at
   * the equator and less elsewhere. Points shared bit for bit always match. */
  b->quantum = geographic ? 1e7 : 4294967296.0;
  b->has_origin = FALSE;
  b->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  b->moments = g_array_new (FALSE, TRUE, sizeof (Moments));
  b->edges = g_array_new (FALSE, FALSE, sizeof (EdgeRecord));
}

/* Adds the signed moments of one ring (x, y pairs, closed) to @m; the sign follows the
 * ring's orientation (counter-clockwise positive in a y-up frame). */
static void
ring_moments (Builder      *b,
              const double *xy,
              guint         n_points,
              double        sign,
              Moments      *m)
{
  GfLayoutGeometry *g = b->geometry;
  Moments r = { 0 };

  if (!b->has_origin && n_points > 0)
    {
      /* Moments about a nearby origin keep their precision: about (120°, 30°) the raw second
       * moments would be 10⁸ times the spread they are meant to measure. */
      g->origin_x = xy[0];
      g->origin_y = xy[1];
      b->has_origin = TRUE;
    }

  for (guint i = 0; i + 1 < n_points; i++)
    {
      double x1 = xy[2 * i] - g->origin_x, y1 = xy[2 * i + 1] - g->origin_y;
      double x2 = xy[2 * i + 2] - g->origin_x, y2 = xy[2 * i + 3] - g->origin_y;
      double cross = x1 * y2 - x2 * y1;

      r.a += cross / 2;
      r.sx += (x1 + x2) * cross / 6;
      r.sy += (y1 + y2) * cross / 6;
      r.ixx += (x1 * x1 + x1 * x2 + x2 * x2) * cross / 12;
      r.iyy += (y1 * y1 + y1 * y2 + y2 * y2) * cross / 12;
      r.ixy += (x1 * y2 + 2 * x1 * y1 + 2 * x2 * y2 + x2 * y1) * cross / 24;
    }

  /* Normalised so that the ring itself counts positive, then signed as exterior or hole. */
  if (sign == 0)
    sign = 1;
  else if (r.a < 0)
    sign = -sign;
  m->a += sign * r.a;
  m->sx += sign * r.sx;
  m->sy += sign * r.sy;
  m->ixx += sign * r.ixx;
  m->ixy += sign * r.ixy;
  m->iyy += sign * r.iyy;
}

static void
ring_edges (Builder      *b,
            const double *xy,
            guint         n_points,
            guint         village)
{
  for (guint i = 0; i + 1 < n_points; i++)
    {
      gint64 ax = llround (xy[2 * i] * b->quantum), ay = llround (xy[2 * i + 1] * b->quantum);
      gint64 bx = llround (xy[2 * i + 2] * b->quantum);
      gint64 by = llround (xy[2 * i + 3] * b->quantum);
      EdgeRecord e;

      if (ax == bx && ay == by)
        continue;   /* a repeated point */
      if (ax < bx || (ax == bx && ay < by))
        e = (EdgeRecord) { ax, ay, bx, by, village };
      else
        e = (EdgeRecord) { bx, by, ax, ay, village };
      g_array_append_val (b->edges, e);
    }
}

static int
compare_edges (gconstpointer pa,
               gconstpointer pb)
{
  const EdgeRecord *a = pa, *b = pb;

  if (a->ax != b->ax)
    return a->ax < b->ax ? -1 : 1;
  if (a->ay != b->ay)
    return a->ay < b->ay ? -1 : 1;
  if (a->bx != b->bx)
    return a->bx < b->bx ? -1 : 1;
  if (a->by != b->by)
    return a->by < b->by ? -1 : 1;
  return (a->village > b->village) - (a->village < b->village);
}

static gboolean
same_edge (const EdgeRecord *a,
           const EdgeRecord *b)
{
  return a->ax == b->ax && a->ay == b->ay && a->bx == b->bx && a->by == b->by;
}

typedef struct
{
  guint a;
  guint b;
} Pair;

static int
compare_pairs (gconstpointer pa,
               gconstpointer pb)
{
  const Pair *a = pa, *b = pb;

  if (a->a != b->a)
    return a->a < b->a ? -1 : 1;
  return (a->b > b->b) - (a->b < b->b);
}

/* Neighbours are villages with an edge in common: the edges are sorted so that equal ones
 * lie together, which needs no hash table and no allocation per edge. */
static GfLayoutGeometry *
builder_finish (Builder *b)
{
  GfLayoutGeometry *g = b->geometry;
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (Pair));
  g_autofree guint *fill = NULL;
  guint n_pairs = 0;

  g_array_sort (b->edges, compare_edges);
  for (guint i = 0; i < b->edges->len;)
    {
      const EdgeRecord *first = &g_array_index (b->edges, EdgeRecord, i);
      guint j = i + 1;

      while (j < b->edges->len && same_edge (first, &g_array_index (b->edges, EdgeRecord, j)))
        j++;
      for (guint p = i; p < j; p++)
        for (guint q = p + 1; q < j; q++)
          {
            guint va = g_array_index (b->edges, EdgeRecord, p).village;
            guint vb = g_array_index (b->edges, EdgeRecord, q).village;

            if (va != vb)
              {
                Pair pair = { MIN (va, vb), MAX (va, vb) };
                g_array_append_val (pairs, pair);
              }
          }
      i = j;
    }
  g_array_unref (b->edges);

  g_array_sort (pairs, compare_pairs);
  for (guint i = 0; i < pairs->len; i++)
    if (i == 0 || compare_pairs (&g_array_index (pairs, Pair, i),
                                 &g_array_index (pairs, Pair, n_pairs - 1)) != 0)
      g_array_index (pairs, Pair, n_pairs++) = g_array_index (pairs, Pair, i);

  g->n_villages = b->ids->len;
  g->ids = (gint64 *) (void *) g_array_free (b->ids, FALSE);
  g->moments = (Moments *) (void *) g_array_free (b->moments, FALSE);

  g->adj_start = g_new0 (guint, g->n_villages + 1);
  for (guint i = 0; i < n_pairs; i++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, i);

      g->adj_start[pair->a + 1]++;
      g->adj_start[pair->b + 1]++;
    }
  for (guint i = 0; i < g->n_villages; i++)
    g->adj_start[i + 1] += g->adj_start[i];

  g->adj_ids = g_new (gint64, MAX (2 * n_pairs, 1));
  fill = g_memdup2 (g->adj_start, sizeof (guint) * (g->n_villages + 1));
  for (guint i = 0; i < n_pairs; i++)
    {
      const Pair *pair = &g_array_index (pairs, Pair, i);

      g->adj_ids[fill[pair->a]++] = g->ids[pair->b];
      g->adj_ids[fill[pair->b]++] = g->ids[pair->a];
    }
  for (guint i = 0; i < g->n_villages; i++)
    qsort (g->adj_ids + g->adj_start[i], g->adj_start[i + 1] - g->adj_start[i],
           sizeof (gint64), compare_gint64);

  g->index = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < g->n_villages; i++)
    g_hash_table_insert (g->index, &g->ids[i], GUINT_TO_POINTER (i + 1));

  if (g->cluster_names == NULL)
    g->cluster_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  return g;
}

static void
builder_add_cluster (Builder    *b,
                     gint64      id,
                     const char *name)
{
  GfLayoutGeometry *g = b->geometry;

  if (g->cluster_names == NULL)
    g->cluster_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_hash_table_insert (g->cluster_names, g_memdup2 (&id, sizeof id), g_strdup (name));
}

/**
 * gf_layout_geometry_load:
 *
 * Reads every village boundary and finds the neighbours, for the shape checks of any number
 * of layouts and drafts afterwards.
 *
 * Returns: (transfer full) (nullable): the geometry
 */
GfLayoutGeometry *
gf_layout_geometry_load (GfDatabase  *db,
                         GError     **error)
{
  g_autoptr(GPtrArray) features = NULL;
  g_autoptr(GPtrArray) clusters = NULL;
  Builder b;

  g_return_val_if_fail (GF_IS_DATABASE (db), NULL);

  if ((features = gf_store_list_features (db, "village", error)) == NULL
      || (clusters = gf_store_list_clusters (db, error)) == NULL)
    return NULL;

  builder_begin (&b, TRUE);
  for (guint c = 0; c < clusters->len; c++)
    {
      const GfClusterRecord *record = g_ptr_array_index (clusters, c);

      builder_add_cluster (&b, record->id, record->name);
    }

  for (guint f = 0; f < features->len; f++)
    {
      const GfFeatureRecord *record = g_ptr_array_index (features, f);
      const GfGeometry *geom = record->geometry;
      Moments m = { 0 };

      if (geom->kind != GF_GEOMETRY_AREA)
        continue;
      for (guint p = 0; p < geom->n_parts; p++)
        for (guint r = geom->part_start[p]; r < geom->part_start[p + 1]; r++)
          {
            const double *xy = geom->coords + 2 * geom->ring_start[r];
            guint n = geom->ring_start[r + 1] - geom->ring_start[r];

            ring_moments (&b, xy, n, r == geom->part_start[p] ? 1 : -1, &m);
            ring_edges (&b, xy, n, b.ids->len);
          }
      g_array_append_val (b.ids, record->id);
      g_array_append_val (b.moments, m);
    }

  return builder_finish (&b);
}

/**
 * gf_layout_geometry_new_for_map:
 * @data: map data, as the map view holds it
 *
 * The same as gf_layout_geometry_load() from the village rings the map already has (world
 * coordinates: Web Mercator is conformal, so ratios of lengths near a cluster are kept).
 * Map data does not tell holes from outer rings: a village ring is counted as a hole when it
 * turns the other way from the village's first ring.
 *
 * Returns: (transfer full): the geometry
 */
GfLayoutGeometry *
gf_layout_geometry_new_for_map (const GfMapData *data)
{
  Builder b;

  g_return_val_if_fail (data != NULL, NULL);

  builder_begin (&b, FALSE);
  for (guint c = 0; c < gf_map_data_get_n_clusters (data); c++)
    {
      const GfMapCluster *cluster = gf_map_data_get_cluster (data, c);

      builder_add_cluster (&b, cluster->id, cluster->name);
    }

  for (guint v = 0; v < gf_map_data_get_n_villages (data); v++)
    {
      const GfMapVillage *village = gf_map_data_get_village (data, v);
      Moments m = { 0 };

      if (village->n_rings == 0)
        continue;
      for (guint r = village->first_ring; r < village->first_ring + village->n_rings; r++)
        {
          guint n;
          const double *xy = gf_map_data_get_ring (data, r, &n);

          /* Sign 0: signed by orientation alone, normalised by the whole village below. */
          ring_moments (&b, xy, n, 0, &m);
          ring_edges (&b, xy, n, b.ids->len);
        }
      if (m.a < 0)
        m = (Moments) { -m.a, -m.sx, -m.sy, -m.ixx, -m.ixy, -m.iyy };
      g_array_append_val (b.ids, village->id);
      g_array_append_val (b.moments, m);
    }

  return builder_finish (&b);
}

void
gf_layout_geometry_free (GfLayoutGeometry *geometry)
{
  if (geometry == NULL)
    return;

  g_clear_pointer (&geometry->index, g_hash_table_unref);
  g_clear_pointer (&geometry->cluster_names, g_hash_table_unref);
  g_free (geometry->ids);
  g_free (geometry->moments);
  g_free (geometry->adj_start);
  g_free (geometry->adj_ids);
  g_free (geometry);
}

static int
village_index (const GfLayoutGeometry *geometry,
               gint64                  village_id)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (geometry->index, &village_id)) - 1;
}

/**
 * gf_layout_geometry_get_neighbours:
 * @n_neighbours: (out): their number
 *
 * Returns: (array length=n_neighbours) (transfer none) (nullable): the villages whose
 *   boundary shares an edge with @village_id's, ascending; %NULL for a village without one
 */
const gint64 *
gf_layout_geometry_get_neighbours (const GfLayoutGeometry *geometry,
                                   gint64                  village_id,
                                   guint                  *n_neighbours)
{
  int i;

  g_return_val_if_fail (geometry != NULL, NULL);
  g_return_val_if_fail (n_neighbours != NULL, NULL);

  i = village_index (geometry, village_id);
  if (i < 0)
    {
      *n_neighbours = 0;
      return NULL;
    }

  *n_neighbours = geometry->adj_start[i + 1] - geometry->adj_start[i];
  return geometry->adj_ids + geometry->adj_start[i];
}

gboolean
gf_layout_geometry_are_neighbours (const GfLayoutGeometry *geometry,
                                   gint64                  village_a,
                                   gint64                  village_b)
{
  const gint64 *neighbours;
  guint n;

  g_return_val_if_fail (geometry != NULL, FALSE);

  neighbours = gf_layout_geometry_get_neighbours (geometry, village_a, &n);
  return n > 0 && bsearch (&village_b, neighbours, n, sizeof (gint64), compare_gint64) != NULL;
}

/* Union-find over member indices. */
static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

/* Areas equal to rounding (identical squares at different places) count as a tie. */
static gboolean
clearly_larger (double a,
                double b)
{
  return a > b * (1 + 1e-9);
}

/* The parts and elongation of one cluster from the indices of its members that have a
 * boundary, ascending by id. @stray, when given, receives the members outside the largest
 * part. */
static void
measure_cluster (const GfLayoutGeometry *geometry,
                 GArray                 *members,
                 GfLayoutShape          *shape,
                 GArray                 *stray)
{
  guint n = members->len;
  g_autofree guint *parent = g_new (guint, MAX (n, 1));
  g_autofree double *part_area = g_new0 (double, MAX (n, 1));
  g_autofree gint64 *part_min = g_new (gint64, MAX (n, 1));
  g_autoptr(GHashTable) position = g_hash_table_new (g_int64_hash, g_int64_equal);
  Moments sum = { 0 };
  int largest = -1;

  shape->n_parts = 0;
  shape->elongation = NAN;

  for (guint k = 0; k < n; k++)
    {
      guint i = g_array_index (members, guint, k);

      parent[k] = k;
      part_min[k] = G_MAXINT64;
      g_hash_table_insert (position, &geometry->ids[i], GUINT_TO_POINTER (k + 1));
    }

  /* Connected parts: members joined by an edge shared with another member. */
  for (guint k = 0; k < n; k++)
    {
      guint i = g_array_index (members, guint, k);

      for (guint e = geometry->adj_start[i]; e < geometry->adj_start[i + 1]; e++)
        {
          guint other = GPOINTER_TO_UINT (g_hash_table_lookup (position, &geometry->adj_ids[e]));

          /* @position holds this cluster's members only. */
          if (other != 0)
            parent[find_root (parent, k)] = find_root (parent, other - 1);
        }
    }

  for (guint k = 0; k < n; k++)
    {
      guint i = g_array_index (members, guint, k);
      guint root = find_root (parent, k);
      const Moments *m = &geometry->moments[i];

      if (root == k)
        shape->n_parts++;
      part_area[root] += m->a;
      part_min[root] = MIN (part_min[root], geometry->ids[i]);

      sum.a += m->a;
      sum.sx += m->sx;
      sum.sy += m->sy;
      sum.ixx += m->ixx;
      sum.ixy += m->ixy;
      sum.iyy += m->iyy;
    }

  if (stray != NULL && shape->n_parts > 1)
    {
      /* The largest part by area stays; ties go to the part with the smallest village id. */
      for (guint k = 0; k < n; k++)
        if (find_root (parent, k) == k
            && (largest < 0 || clearly_larger (part_area[k], part_area[largest])
                || (!clearly_larger (part_area[largest], part_area[k])
                    && part_min[k] < part_min[largest])))
          largest = (int) k;
      for (guint k = 0; k < n; k++)
        if (find_root (parent, k) != (guint) largest)
          g_array_append_val (stray, geometry->ids[g_array_index (members, guint, k)]);
      g_array_sort (stray, compare_gint64);
    }

  if (n >= 2 && sum.a > 0)
    {
      double cx = sum.sx / sum.a, cy = sum.sy / sum.a;
      double cxx = sum.ixx / sum.a - cx * cx;
      double cxy = sum.ixy / sum.a - cx * cy;
      double cyy = sum.iyy / sum.a - cy * cy;
      double k = 1, a, b, c, t, d, major, minor;

      /* Degrees of longitude are shorter than degrees of latitude by the cosine of the
       * latitude: scale x at the cluster's centre into the same metric as y. */
      if (geometry->geographic)
        k = cos ((geometry->origin_y + cy) * G_PI / 180.0);
      a = k * k * cxx;
      b = k * cxy;
      c = cyy;
      t = (a + c) / 2;
      d = sqrt ((a - c) * (a - c) / 4 + b * b);
      major = t + d;
      minor = t - d;
      shape->elongation = minor > major * 1e-12 ? sqrt (major / minor) : INFINITY;
    }
}

/* Members of @cluster_id (or of every cluster, into @groups: cluster id → GArray of indices)
 * that have a boundary, and the count of those that have none. */
static void
collect_members (const GfLayoutGeometry *geometry,
                 GHashTable             *membership,
                 GHashTable             *groups,
                 GHashTable             *without)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, membership);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int i = village_index (geometry, *(gint64 *) key);
      GArray *members = g_hash_table_lookup (groups, value);

      if (members == NULL)
        {
          members = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (groups, value, members);
        }

      if (i >= 0 && geometry->moments[i].a > 0)
        {
          guint index = (guint) i;
          g_array_append_val (members, index);
        }
      else
        g_hash_table_insert (without, value,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (without,
                                                                                      value)) + 1));
    }
}

static int
compare_index_by_id (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const GfLayoutGeometry *geometry = user_data;
  gint64 ia = geometry->ids[*(const guint *) a], ib = geometry->ids[*(const guint *) b];

  return (ia > ib) - (ia < ib);
}

/**
 * gf_layout_geometry_shape:
 * @membership: village id → cluster id (both gint64 *), a draft's or a layout's
 * @shape: (out caller-allocates): the cluster's measures
 *
 * Measures one cluster. Contiguity: the members with a boundary form @shape->n_parts parts
 * in the graph of villages whose boundaries share an edge. Elongation: the square root of the
 * ratio of the two principal second moments of the members' area taken together (their
 * covariance about the cluster's centroid, in a local frame where a degree of longitude is
 * cos(latitude) times a degree of latitude). For a rectangle that is exactly its length over
 * its width (a strip of six square villages: 6; a block of two by three: 1.5), and it does not
 * depend on how the area is cut into villages. Members without a boundary count in neither
 * measure.
 *
 * Returns: %FALSE when @cluster_id has no members in @membership
 */
gboolean
gf_layout_geometry_shape (const GfLayoutGeometry *geometry,
                          GHashTable             *membership,
                          gint64                  cluster_id,
                          GfLayoutShape          *shape)
{
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GHashTable) without = NULL;
  GArray *members;

  g_return_val_if_fail (geometry != NULL, FALSE);
  g_return_val_if_fail (membership != NULL, FALSE);
  g_return_val_if_fail (shape != NULL, FALSE);

  groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                  (GDestroyNotify) g_array_unref);
  without = g_hash_table_new (g_int64_hash, g_int64_equal);
  collect_members (geometry, membership, groups, without);

  *shape = (GfLayoutShape) { cluster_id, 0, 0, 0, NAN };
  members = g_hash_table_lookup (groups, &cluster_id);
  if (members == NULL)
    return FALSE;

  g_array_sort_with_data (members, compare_index_by_id, (gpointer) geometry);
  shape->n_without_boundary = GPOINTER_TO_UINT (g_hash_table_lookup (without, &cluster_id));
  shape->n_members = members->len + shape->n_without_boundary;
  measure_cluster (geometry, members, shape, NULL);
  return TRUE;
}

void
gf_layout_warning_free (GfLayoutWarning *warning)
{
  if (warning == NULL)
    return;

  g_free (warning->cluster_name);
  g_clear_pointer (&warning->stray_villages, g_array_unref);
  g_free (warning->message);
  g_free (warning);
}

static int
compare_warnings (gconstpointer a,
                  gconstpointer b)
{
  const GfLayoutWarning *wa = *(GfLayoutWarning * const *) a;
  const GfLayoutWarning *wb = *(GfLayoutWarning * const *) b;

  if (wa->cluster_id != wb->cluster_id)
    return wa->cluster_id < wb->cluster_id ? -1 : 1;
  return (int) wa->kind - (int) wb->kind;
}

/**
 * gf_layout_check:
 * @membership: village id → cluster id (both gint64 *), a draft's or a layout's
 *
 * Warns about every cluster that is not contiguous (its villages form more than one part) or
 * very elongated (more than %GF_LAYOUT_ELONGATION_LIMIT; see gf_layout_geometry_shape() for
 * both measures).
 *
 * Returns: (transfer full) (element-type GfLayoutWarning): the warnings by cluster id, empty
 *   when every cluster is fine
 */
GPtrArray *
gf_layout_check (const GfLayoutGeometry *geometry,
                 GHashTable             *membership)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GHashTable) without = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (geometry != NULL, NULL);
  g_return_val_if_fail (membership != NULL, NULL);

  warnings = g_ptr_array_new_with_free_func ((GDestroyNotify) gf_layout_warning_free);
  groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                  (GDestroyNotify) g_array_unref);
  without = g_hash_table_new (g_int64_hash, g_int64_equal);
  collect_members (geometry, membership, groups, without);

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 cluster_id = *(gint64 *) key;
      GArray *members = value;
      const char *name = g_hash_table_lookup (geometry->cluster_names, &cluster_id);
      g_autofree char *fallback = NULL;
      g_autoptr(GArray) stray = g_array_new (FALSE, FALSE, sizeof (gint64));
      GfLayoutShape shape = { cluster_id, 0, 0, 0, NAN };

      if (name == NULL)
        name = fallback = g_strdup_printf ("#%" G_GINT64_FORMAT, cluster_id);

      g_array_sort_with_data (members, compare_index_by_id, (gpointer) geometry);
      measure_cluster (geometry, members, &shape, stray);

      if (shape.n_parts > 1)
        {
          GfLayoutWarning *w = g_new0 (GfLayoutWarning, 1);

          w->kind = GF_LAYOUT_WARNING_NOT_CONTIGUOUS;
          w->cluster_id = cluster_id;
          w->cluster_name = g_strdup (name);
          w->n_parts = shape.n_parts;
          w->elongation = shape.elongation;
          w->stray_villages = g_steal_pointer (&stray);
          /* Translators: %s is a cluster's name, %u the number of parts (always 2 or more) */
          w->message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Cluster “%s” is not contiguous: its "
                                                     "villages form %u separate part",
                                                     "Cluster “%s” is not contiguous: its "
                                                     "villages form %u separate parts",
                                                     shape.n_parts),
                                        name, shape.n_parts);
          g_ptr_array_add (warnings, w);
        }

      if (shape.elongation > GF_LAYOUT_ELONGATION_LIMIT)
        {
          GfLayoutWarning *w = g_new0 (GfLayoutWarning, 1);

          w->kind = GF_LAYOUT_WARNING_ELONGATED;
          w->cluster_id = cluster_id;
          w->cluster_name = g_strdup (name);
          w->n_parts = shape.n_parts;
          w->elongation = shape.elongation;
          w->stray_villages = g_array_new (FALSE, FALSE, sizeof (gint64));
          if (isinf (shape.elongation))
            /* Translators: %s is a cluster's name */
            w->message = g_strdup_printf (_("Cluster “%s” is very elongated: its villages lie "
                                            "in a line"), name);
          else
            /* Translators: %s is a cluster's name, %.1f how many times longer than wide */
            w->message = g_strdup_printf (_("Cluster “%s” is very elongated: about %.1f times "
                                            "as long as it is wide"), name, shape.elongation);
          g_ptr_array_add (warnings, w);
        }
    }

  g_ptr_array_sort (warnings, compare_warnings);
  return g_steal_pointer (&warnings);
}
