/*
 * yanzhen/abi.h -- the binary contract between the Yanzhen host and its plugins.
 *
 * This is the narrow waist of an hourglass: C++ on both sides, plain C here, so that a plugin
 * built by another compiler or against another C++ standard library cannot crash the host.
 * Plugin authors normally write against <yanzhen/plugin.hpp>, which implements this contract.
 *
 * Rules that keep the contract stable (read them before changing anything below):
 *   1. Every struct that is not an array element begins with `struct_size`, set by whoever
 *      fills it. Fields are only ever APPENDED, under a comment naming the ABI version that
 *      added them. A reader checks `struct_size` before touching a field added after 1.0.
 *   2. Arrays hold pointers to structs (`const T* const*`), so each struct can grow on its
 *      own. The two array-element structs (yz_value, yz_named_number) are FROZEN.
 *   3. No C++ type and no exception crosses this boundary. Strings are UTF-8 with an
 *      explicit length (yz_str) and are NOT NUL-terminated unless stated.
 *   4. Memory is freed by the side that allocated it. Everything the host passes in is valid
 *      only for the duration of the call; results go back through the host's sink callbacks,
 *      which copy what they are given.
 *   5. A breaking change bumps YANZHEN_ABI_MAJOR, and with it the name of the entry symbol.
 *      An additive change bumps YANZHEN_ABI_MINOR. The host refuses a plugin whose major
 *      differs from its own or whose minor is newer than its own.
 *
 * The one exported symbol is `yanzhen_plugin_entry_v1`, a constant variable of type
 * yz_entry_fn (defined at the end of this file), placed in the ELF section "yanzhen" so that
 * the host can find it with boost::dll::library_info before running any of the plugin's code.
 * The SDK macro YANZHEN_PLUGIN(Class) in <yanzhen/plugin.hpp> defines it.
 */
#ifndef YANZHEN_ABI_H
#define YANZHEN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define YANZHEN_ABI_MAJOR 1
#define YANZHEN_ABI_MINOR 1

/* The section and the symbol the host looks for. The major version is part of the name. */
#define YANZHEN_ENTRY_SECTION "yanzhen"
#define YANZHEN_ENTRY_SYMBOL "yanzhen_plugin_entry_v1"

/* A UTF-8 string with an explicit length; not NUL-terminated. */
typedef struct yz_str {
    const char* data;
    size_t size;
} yz_str;

/* ---- Schemas: what a plugin accepts and evaluates --------------------------------------- */

/* The type of an evidence field or a leaf's configuration key. */
typedef enum yz_field_type {
    YZ_FIELD_NONE = 0,    /* an absent value */
    YZ_FIELD_INTEGER = 1, /* yz_value.integer */
    YZ_FIELD_NUMBER = 2,  /* yz_value.number */
    YZ_FIELD_TEXT = 3,    /* yz_value.text */
    YZ_FIELD_CHOICE = 4,  /* yz_value.text, one of yz_field.choices */
    YZ_FIELD_DATE = 5,    /* yz_value.integer: days since 1970-01-01 */
    YZ_FIELD_BOOLEAN = 6, /* yz_value.integer: 0 or 1 */
    YZ_FIELD_SCORES = 7,  /* yz_value.scores: named numbers, e.g. a rubric's criteria */
    YZ_FIELD_LIST = 8,    /* configuration only: a YAML sequence */
    YZ_FIELD_MAP = 9      /* configuration only: a YAML mapping */
} yz_field_type;

/* One field of an evidence kind, or one key of a leaf's configuration. */
typedef struct yz_field {
    uint32_t struct_size;
    uint32_t type;         /* yz_field_type */
    yz_str name;           /* machine name, [a-z][a-z0-9_]* */
    uint32_t required;     /* 1 if the field must be present */
    uint32_t has_min;      /* 1 if `min` applies */
    uint32_t has_max;      /* 1 if `max` applies */
    double min;            /* inclusive lower bound of a number or an integer */
    double max;            /* inclusive upper bound */
    const yz_str* choices; /* YZ_FIELD_CHOICE: the allowed values */
    uint32_t choice_count;
    yz_str label_zh; /* what a person reads, in Chinese */
    yz_str label_en; /* ... and in English */
    yz_str unit;     /* e.g. "min", "points"; may be empty */
} yz_field;

/* A kind of evidence the plugin accepts (an attendance, a rubric attempt, an exam result). */
typedef struct yz_evidence_kind {
    uint32_t struct_size;
    yz_str id; /* unique within the plugin */
    yz_str label_zh;
    yz_str label_en;
    const yz_field* const* fields; /* evidence rows carry values in this order */
    uint32_t field_count;
} yz_evidence_kind;

/* Which evidence a leaf needs: the worker's own, or the whole cohort's (rankings). */
typedef enum yz_leaf_scope { YZ_SCOPE_WORKER = 0, YZ_SCOPE_COHORT = 1 } yz_leaf_scope;

/* A type of requirement leaf the plugin evaluates, written `<module>.<id>` in a course. */
typedef struct yz_leaf_type {
    uint32_t struct_size;
    yz_str id;
    yz_str label_zh;
    yz_str label_en;
    uint32_t scope;                /* yz_leaf_scope */
    const yz_field* const* config; /* the keys its configuration takes */
    uint32_t config_count;
} yz_leaf_type;

typedef enum yz_status {
    YZ_STATUS_STABLE = 0,      /* supported; its evidence and results may be relied on */
    YZ_STATUS_EXPERIMENTAL = 1 /* may change; the host labels it */
} yz_status;

/* Who the plugin is. Static: valid for the lifetime of the loaded library. */
typedef struct yz_plugin_info {
    uint32_t struct_size;
    yz_str id;      /* unique among loaded plugins, [a-z][a-z0-9_.-]* */
    yz_str version; /* semantic version of the plugin itself */
    yz_str title_zh;
    yz_str title_en;
    uint32_t status; /* yz_status */
    const yz_evidence_kind* const* kinds;
    uint32_t kind_count;
    const yz_leaf_type* const* leaves;
    uint32_t leaf_count;
} yz_plugin_info;

/* ---- Configuration: a course module's YAML, handed over once per course load ------------ */

typedef enum yz_node_kind {
    YZ_NODE_NULL = 0,
    YZ_NODE_SCALAR = 1, /* `text` holds the scalar as written; the plugin converts it */
    YZ_NODE_LIST = 2,   /* `children` */
    YZ_NODE_MAP = 3     /* `children`, each named by the same index in `keys` */
} yz_node_kind;

typedef struct yz_node {
    uint32_t struct_size;
    uint32_t kind; /* yz_node_kind */
    yz_str text;
    const struct yz_node* const* children;
    const yz_str* keys;
    uint32_t child_count;
} yz_node;

/* ---- Evidence: typed rows, no parsing on the hot path -------------------------------------- */

/* FROZEN (array element). One named number, e.g. a rubric criterion's score. */
typedef struct yz_named_number {
    yz_str name;
    double value;
} yz_named_number;

/* FROZEN (array element). One field's value; `type` says which member holds it. */
typedef struct yz_value {
    uint32_t type;  /* yz_field_type; YZ_FIELD_NONE when the row has no value */
    uint32_t count; /* YZ_FIELD_SCORES: the number of entries in `scores` */
    int64_t integer;
    double number;
    yz_str text;
    const yz_named_number* scores;
} yz_value;

/* One evidence row: something that happened to one worker. */
typedef struct yz_evidence {
    uint32_t struct_size;
    uint32_t kind;  /* index into yz_plugin_info.kinds */
    int64_t worker; /* the host's id of the worker */
    yz_str ref;     /* what it is about: a session template, unit, assessment, subject ... */
    int32_t day;    /* when it happened: days since 1970-01-01 (local calendar day) */
    int64_t seq;    /* recording order; a later row has a larger seq */
    const yz_value* values; /* one per field of the kind, in the kind's order */
    uint32_t value_count;
} yz_evidence;

typedef struct yz_eval_input {
    uint32_t struct_size;
    int32_t today;  /* the evaluation date, days since 1970-01-01; never read a clock */
    int64_t worker; /* the worker being evaluated */
    const yz_evidence* const* rows; /* the worker's rows (and the cohort's, for cohort leaves) */
    uint32_t row_count;
} yz_eval_input;

/* ---- Sinks: how a plugin hands results back (the host copies what it is given) ----------- */

typedef enum yz_severity { YZ_ERROR = 0, YZ_WARNING = 1 } yz_severity;

/* Problems found in configuration. `path` is relative to the node the plugin was handed,
 * e.g. "rubrics.drill_std.criteria[4].max"; the host maps it to a file, line and column. */
typedef struct yz_diag_sink {
    uint32_t struct_size;
    void* context;
    void (*report)(void* context, uint32_t severity, yz_str path, yz_str message_zh,
                   yz_str message_en);
} yz_diag_sink;

typedef struct yz_leaf_result {
    uint32_t struct_size;
    uint32_t met;       /* 1 if the leaf is satisfied */
    double have;        /* how much the worker has ... */
    double need;        /* ... of how much is needed */
    yz_str unit;        /* e.g. "学时" / "h"; may be empty */
    yz_str sentence_zh; /* e.g. "理论学时 39/40" */
    yz_str sentence_en; /* e.g. "theory hours 39/40" */
    /* ABI 1.1: the last day (days since 1970-01-01) on which this result stays exactly as it
     * is if no row is added: the day before a row dated after today would count, a credential's
     * last valid day, the last day of an exam year ... YZ_HOLDS_FOREVER when only a new row can
     * change it. The host keeps the result until then. A result from a 1.0 plugin (a smaller
     * struct_size), or a day before `today`, holds only today. */
    int32_t holds_until;
} yz_leaf_result;

/* ABI 1.1: yz_leaf_result.holds_until for a result that only a new row can change. */
#define YZ_HOLDS_FOREVER INT32_MAX
/* ABI 1.1: the size of ABI 1.0's yz_leaf_result, before holds_until. */
#define YZ_LEAF_RESULT_SIZE_1_0 offsetof(yz_leaf_result, holds_until)

typedef struct yz_result_sink {
    uint32_t struct_size;
    void* context;
    void (*leaf)(void* context, int32_t leaf, const yz_leaf_result* result);
} yz_result_sink;

/* A position in a ranking, for yz_plugin.rank. Entrants with equal `place` are tied. */
typedef struct yz_standing {
    uint32_t struct_size;
    int64_t worker;
    uint32_t place; /* 1-based */
    double score;
    yz_str detail_zh; /* how the place was decided, e.g. "决赛 92 分，罚分 1" */
    yz_str detail_en;
} yz_standing;

typedef struct yz_standing_sink {
    uint32_t struct_size;
    void* context;
    void (*standing)(void* context, const yz_standing* standing);
} yz_standing_sink;

/* Every function that can fail returns one of these; the message goes to `error`. */
typedef enum yz_rc { YZ_OK = 0, YZ_FAILED = 1 } yz_rc;

/* Where a plugin reports a failure it caught (an exception, a broken invariant). */
typedef struct yz_error_sink {
    uint32_t struct_size;
    void* context;
    void (*error)(void* context, yz_str message);
} yz_error_sink;

/* ---- The plugin: one table of functions --------------------------------------------------- */

/* An opaque per-module instance: the plugin's parsed form of one course module's config. */
typedef struct yz_instance yz_instance;

typedef struct yz_plugin {
    uint32_t struct_size;
    uint32_t abi_major; /* YANZHEN_ABI_MAJOR the plugin was built with */
    uint32_t abi_minor; /* YANZHEN_ABI_MINOR the plugin was built with */
    const yz_plugin_info* info;

    /* Required. Parses a course module's configuration. Returns NULL when the configuration
     * has errors (each reported to `diags`) or on failure (reported to `err`). */
    yz_instance* (*instance_create)(const yz_node* config, const yz_diag_sink* diags,
                                    const yz_error_sink* err);
    /* Required. Frees an instance; never fails. */
    void (*instance_destroy)(yz_instance* instance);
    /* Required. Compiles one requirement leaf of type `leaf_type` in this module. Returns
     * its handle (>= 0), or -1 when the configuration has errors or on failure. */
    int32_t (*leaf_compile)(yz_instance* instance, yz_str leaf_type, const yz_node* config,
                            const yz_diag_sink* diags, const yz_error_sink* err);
    /* Required. Evaluates the leaves `leaves[0..leaf_count)` for one worker; reports each
     * through `results`. Deterministic: the same input gives the same output. */
    uint32_t (*evaluate)(yz_instance* instance, const yz_eval_input* input, const int32_t* leaves,
                         uint32_t leaf_count, const yz_result_sink* results,
                         const yz_error_sink* err);
    /* Optional (may be NULL). Ranks the entrants of `ref` (a contest) from cohort rows. */
    uint32_t (*rank)(yz_instance* instance, yz_str ref, const yz_eval_input* input,
                     const yz_standing_sink* out, const yz_error_sink* err);
} yz_plugin;

/* What the host tells the plugin about itself when it calls the entry point. */
typedef struct yz_host {
    uint32_t struct_size;
    uint32_t abi_major;
    uint32_t abi_minor;
    const yz_error_sink* log; /* where the entry point reports why it returned NULL */
} yz_host;

/* The entry point. Returns the plugin's table (static, never freed) or NULL on failure. */
typedef const yz_plugin* (*yz_entry_fn)(const yz_host* host);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* YANZHEN_ABI_H */
