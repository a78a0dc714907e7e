# The committed php/cardtoken_arginfo.h is a build input, never a target:
# this empty explicit rule overrides Makefile.global's "%_arginfo.h: %.stub.php"
# pattern rule, whose generator would try to download PHP-Parser. Regenerate
# it on purpose with `php/build.sh gen-arginfo`; `php/build.sh check-arginfo`
# fails when the stub and the header disagree.
$(srcdir)/php/cardtoken_arginfo.h: ;
php/cardtoken_arginfo.h: ;
