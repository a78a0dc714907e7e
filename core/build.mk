# core/build.mk - the one place for the C core's compiler flags. Read by the
# Makefile and fuzz/Makefile (include), setup.py and config.m4 (which take
# the "NAME = value" lines as they are). The version is in one place too:
# CT_VERSION in core/include/cardtoken.h (read by setup.py, php/build.sh,
# php/package_xml.php and the tests).

# Language level and the feature macros the core is written against.
CT_CSTD = -std=c11 -D_GNU_SOURCE
# Warnings of the core (and of the Python shim); -Werror apart so that
# config.m4's --disable-cardtoken-werror can leave it out.
CT_WARN = -Wall -Wextra -Wshadow -Wstrict-prototypes
CT_WERROR = -Werror
# The PHP shim: PHP's headers and INTERNAL_FUNCTION_PARAMETERS trip
# -Wunused-parameter, -Wshadow and -Wstrict-prototypes.
CT_PHP_SHIM_WARN = -Wall -Wextra -Wno-unused-parameter
# Only public ct_* functions are visible in libcardtoken.a's objects.
CT_HIDDEN = -fvisibility=hidden
# Inside an extension module even those are hidden (cardtoken.h's CT_API
# is then empty): PHP loads extensions RTLD_GLOBAL, and an exported ct_*
# could clash with another module's copy. The module exports only its
# entry point (PyInit__cardtoken, get_module).
CT_EMBED = -DCT_EMBEDDED
