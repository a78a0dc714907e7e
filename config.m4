dnl config.m4 for the cardtoken PHP extension: the C core (core/src/*.c)
dnl and the PHP shim (php/*.c) built into one modules/cardtoken.so.
dnl
dnl   phpize && ./configure --with-cardtoken && make && make test
dnl
dnl Do not run phpize in the project's top directory: its configure writes a
dnl Makefile there. php/build.sh builds in build/php-src/ instead.

PHP_ARG_WITH([cardtoken],
  [for cardtoken support],
  [AS_HELP_STRING([--with-cardtoken],
    [Include cardtoken (card-vault calls of Pagsmile, PayerMax, YabandPay,
    WorldFirst). Needs libcurl, OpenSSL and jansson (pkg-config)])],
  [yes])

PHP_ARG_ENABLE([cardtoken-werror],
  [whether to build cardtoken with -Werror],
  [AS_HELP_STRING([--disable-cardtoken-werror],
    [Do not turn compiler warnings into errors])],
  [yes],
  [no])

if test "$PHP_CARDTOKEN" != "no"; then
  PKG_PROG_PKG_CONFIG
  if test -z "$PKG_CONFIG"; then
    AC_MSG_ERROR([pkg-config not found: install it (Debian: apt-get install pkg-config)])
  fi

  PKG_CHECK_MODULES([CARDTOKEN_CURL], [libcurl >= 7.68.0], [],
    [AC_MSG_ERROR([libcurl >= 7.68 not found by pkg-config: install the Debian package libcurl4-openssl-dev])])
  PKG_CHECK_MODULES([CARDTOKEN_OPENSSL], [openssl >= 1.1.1], [],
    [AC_MSG_ERROR([OpenSSL >= 1.1.1 not found by pkg-config: install the Debian package libssl-dev])])
  PKG_CHECK_MODULES([CARDTOKEN_JANSSON], [jansson >= 2.11], [],
    [AC_MSG_ERROR([jansson >= 2.11 not found by pkg-config: install the Debian package libjansson-dev])])

  PHP_EVAL_INCLINE([$CARDTOKEN_CURL_CFLAGS $CARDTOKEN_OPENSSL_CFLAGS $CARDTOKEN_JANSSON_CFLAGS])
  PHP_EVAL_LIBLINE([$CARDTOKEN_CURL_LIBS $CARDTOKEN_OPENSSL_LIBS $CARDTOKEN_JANSSON_LIBS], [CARDTOKEN_SHARED_LIBADD])
  PHP_ADD_LIBRARY([pthread], 1, [CARDTOKEN_SHARED_LIBADD])
  PHP_SUBST([CARDTOKEN_SHARED_LIBADD])

  dnl Every core source, so that new core files are picked up.
  cardtoken_srcdir=PHP_EXT_SRCDIR([cardtoken])
  cardtoken_core_sources=`cd "$cardtoken_srcdir" && ls core/src/*.c 2>/dev/null | LC_ALL=C sort | tr '\n' ' '`
  if test -z "$cardtoken_core_sources"; then
    AC_MSG_ERROR([no C core sources found in $cardtoken_srcdir/core/src])
  fi
  cardtoken_shim_sources="php/cardtoken.c php/ct_php_client.c php/ct_php_doctor.c php/ct_php_notify.c php/ct_php_objects.c php/ct_php_observe.c"

  dnl The flags are core/build.mk's (the Makefile's, fuzz/'s and setup.py's too).
  cardtoken_mk="$cardtoken_srcdir/core/build.mk"
  if test ! -f "$cardtoken_mk"; then
    AC_MSG_ERROR([$cardtoken_mk is missing])
  fi
  cardtoken_flag() {
    $SED -n "s/^$1 = //p" "$cardtoken_mk"
  }
  cardtoken_werror=
  if test "$PHP_CARDTOKEN_WERROR" != "no"; then
    cardtoken_werror=`cardtoken_flag CT_WERROR`
  fi
  cardtoken_common="`cardtoken_flag CT_HIDDEN` `cardtoken_flag CT_EMBED`"
  cardtoken_core_flags="`cardtoken_flag CT_CSTD` `cardtoken_flag CT_WARN` $cardtoken_werror $cardtoken_common -I@ext_srcdir@/core/include"
  cardtoken_shim_flags="`cardtoken_flag CT_PHP_SHIM_WARN` $cardtoken_werror $cardtoken_common -I@ext_srcdir@/core/include -I@ext_srcdir@/php -DZEND_ENABLE_STATIC_TSRMLS_CACHE=1"

  PHP_NEW_EXTENSION([cardtoken], [$cardtoken_shim_sources], [$ext_shared], [], [$cardtoken_shim_flags])
  cardtoken_core_flags=`echo "$cardtoken_core_flags" | $SED "s#@ext_srcdir@#$cardtoken_srcdir#g"`
  if test "$ext_shared" = "no"; then
    PHP_ADD_SOURCES(PHP_EXT_DIR([cardtoken]), [$cardtoken_core_sources], [$cardtoken_core_flags])
  else
    PHP_ADD_SOURCES_X(PHP_EXT_DIR([cardtoken]), [$cardtoken_core_sources], [$cardtoken_core_flags], [shared_objects_cardtoken], [yes])
  fi
  PHP_ADD_BUILD_DIR([$ext_builddir/core/src], 1)
  PHP_ADD_BUILD_DIR([$ext_builddir/php], 1)
  PHP_ADD_MAKEFILE_FRAGMENT([$cardtoken_srcdir/php/Makefile.frag])
fi
