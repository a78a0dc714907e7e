<?php
/*
 * check_arginfo.php - compares the loaded cardtoken extension (whose
 * signatures come from the committed cardtoken_arginfo.h) with
 * cardtoken.stub.php, through Reflection. Works offline, needs no parser:
 * the stub holds only declarations, so it is loaded as plain PHP under the
 * namespace CardTokenStub and both sides are reflected.
 *
 *   php -n -d extension=modules/cardtoken.so php/check_arginfo.php php/cardtoken.stub.php core/include/cardtoken.h
 *
 * Exits 1, listing every difference, when they disagree.
 */

declare(strict_types=1);

if ($argc < 2 || !extension_loaded('cardtoken')) {
    fwrite(STDERR, "usage: php -d extension=cardtoken.so check_arginfo.php STUB [HEADER]\n");
    exit(2);
}

$stubCode = file_get_contents($argv[1]);
$code = preg_replace('/^namespace CardToken\s*\{/m', 'namespace CardTokenStub {', $stubCode, -1, $n);
if ($n !== 1) {
    fwrite(STDERR, "check_arginfo: expected one 'namespace CardToken {' block in the stub\n");
    exit(2);
}
$tmp = tempnam(sys_get_temp_dir(), 'ctstub');
file_put_contents($tmp, $code);
require $tmp;
unlink($tmp);

$diffs = [];
$note = function (string $where, string $what) use (&$diffs): void {
    $diffs[] = "$where: $what";
};

/** Stub names -> extension names. */
function ext_name(string $s): string
{
    return str_replace('CardTokenStub\\', 'CardToken\\', $s);
}

function type_str(?ReflectionType $t): string
{
    return $t === null ? '(none)' : ext_name((string)$t);
}

function exported(mixed $v): string
{
    return ext_name(var_export($v, true));
}

function attr_names(array $attrs): string
{
    return implode(',', array_map(fn(ReflectionAttribute $a) => ext_name($a->getName()), $attrs));
}

/** PHP < 8.2 has no SensitiveParameter: the arginfo guards it. */
function stub_attrs(ReflectionParameter $p): string
{
    $names = array_map(fn(ReflectionAttribute $a) => ext_name($a->getName()), $p->getAttributes());
    if (PHP_VERSION_ID < 80200) {
        $names = array_values(array_diff($names, ['SensitiveParameter']));
    }
    return implode(',', $names);
}

function compare_function(ReflectionFunctionAbstract $s, ReflectionFunctionAbstract $e, string $where, callable $note): void
{
    if (type_str($s->getReturnType()) !== type_str($e->getReturnType())) {
        $note($where, 'return type ' . type_str($e->getReturnType()) . ', stub says ' . type_str($s->getReturnType()));
    }
    if (type_str($s->getTentativeReturnType()) !== type_str($e->getTentativeReturnType())) {
        $note($where, 'tentative return type differs');
    }
    if ($s->returnsReference() !== $e->returnsReference()) {
        $note($where, 'return by reference differs');
    }
    if ($s->getNumberOfParameters() !== $e->getNumberOfParameters()
        || $s->getNumberOfRequiredParameters() !== $e->getNumberOfRequiredParameters()) {
        $note($where, sprintf('takes %d (%d required) parameters, stub says %d (%d)', $e->getNumberOfParameters(),
            $e->getNumberOfRequiredParameters(), $s->getNumberOfParameters(), $s->getNumberOfRequiredParameters()));
        return;
    }
    $ep = $e->getParameters();
    foreach ($s->getParameters() as $i => $sp) {
        $x = $ep[$i];
        $w = "$where parameter #$i";
        if ($sp->getName() !== $x->getName()) {
            $note($w, "named \${$x->getName()}, stub says \${$sp->getName()}");
        }
        if (type_str($sp->getType()) !== type_str($x->getType())) {
            $note($w, 'type ' . type_str($x->getType()) . ', stub says ' . type_str($sp->getType()));
        }
        foreach (['isOptional', 'isVariadic', 'isPassedByReference', 'isDefaultValueAvailable'] as $m) {
            if ($sp->$m() !== $x->$m()) {
                $note($w, "$m differs");
            }
        }
        if ($sp->isDefaultValueAvailable() && $x->isDefaultValueAvailable()
            && exported($sp->getDefaultValue()) !== exported($x->getDefaultValue())) {
            $note($w, 'default ' . exported($x->getDefaultValue()) . ', stub says ' . exported($sp->getDefaultValue()));
        }
        if (stub_attrs($sp) !== attr_names($x->getAttributes())) {
            $note($w, 'attributes [' . attr_names($x->getAttributes()) . '], stub says [' . stub_attrs($sp) . ']');
        }
    }
}

// ---- functions -------------------------------------------------------
$ext = new ReflectionExtension('cardtoken');
$extFunctions = [];
foreach ($ext->getFunctions() as $f) {
    $extFunctions[strtolower($f->getName())] = $f;
}
$stubFunctions = [];
foreach (get_defined_functions()['user'] as $name) {
    if (str_starts_with($name, 'cardtokenstub\\')) {
        $stubFunctions[strtolower(ext_name((new ReflectionFunction($name))->getName()))] = new ReflectionFunction($name);
    }
}
foreach (array_diff_key($stubFunctions, $extFunctions) as $name => $_) {
    $note($name, 'declared in the stub, missing from the extension');
}
foreach (array_diff_key($extFunctions, $stubFunctions) as $name => $_) {
    $note($name, 'in the extension, not declared in the stub');
}
foreach (array_intersect_key($stubFunctions, $extFunctions) as $name => $sf) {
    if (ext_name($sf->getName()) !== $extFunctions[$name]->getName()) {
        $note($name, 'spelled ' . $extFunctions[$name]->getName() . ' in the extension');
    }
    compare_function($sf, $extFunctions[$name], "$name()", $note);
}

// ---- classes ---------------------------------------------------------
$extClasses = [];
foreach ($ext->getClassNames() as $c) {
    $extClasses[$c] = new ReflectionClass($c);
}
$stubClasses = [];
foreach (get_declared_classes() as $c) {
    if (str_starts_with($c, 'CardTokenStub\\')) {
        $stubClasses[ext_name($c)] = new ReflectionClass($c);
    }
}
foreach (array_diff_key($stubClasses, $extClasses) as $name => $_) {
    $note($name, 'declared in the stub, missing from the extension');
}
foreach (array_diff_key($extClasses, $stubClasses) as $name => $_) {
    $note($name, 'in the extension, not declared in the stub');
}

// The error constants come from the core's CT_ERROR_TABLE, not the stub.
$errorConstants = [];
if (isset($argv[2])) {
    preg_match_all('/X\((CT_[A-Z_]+), (\d+), CT_CAT_/', file_get_contents($argv[2]), $rows, PREG_SET_ORDER);
    foreach ($rows as [, $cname, $value]) {
        $errorConstants[preg_replace('/^CT_(ERR_)?/', '', $cname)] = (int)$value;
    }
    if (!$errorConstants) {
        $note($argv[2], 'no CT_ERROR_TABLE rows found');
    }
}

$methods = 0;
foreach (array_intersect_key($stubClasses, $extClasses) as $name => $s) {
    $e = $extClasses[$name];
    foreach (['isFinal', 'isAbstract', 'isInterface', 'isTrait'] as $m) {
        if ($s->$m() !== $e->$m()) {
            $note($name, "$m differs");
        }
    }
    $sp = $s->getParentClass();
    $ep = $e->getParentClass();
    if (($sp ? ext_name($sp->getName()) : null) !== ($ep ? $ep->getName() : null)) {
        $note($name, 'parent ' . ($ep ? $ep->getName() : 'none') . ', stub says ' . ($sp ? ext_name($sp->getName()) : 'none'));
    }
    $si = array_map('ext_name', $s->getInterfaceNames());
    $ei = $e->getInterfaceNames();
    sort($si);
    sort($ei);
    if ($si !== $ei) {
        $note($name, 'interfaces [' . implode(',', $ei) . '], stub says [' . implode(',', $si) . ']');
    }
    // Doc-comment flags of the stub.
    $doc = (string)$s->getDocComment();
    if (str_contains($doc, '@not-serializable')) {
        try {
            unserialize('O:' . strlen($name) . ':"' . $name . '":0:{}');
            $note($name, '@not-serializable in the stub, but unserialize() accepts it');
        } catch (Exception) {
        }
    }

    // Constants.
    $sc = $s->getConstants();
    $ec = $e->getConstants();
    if ($name === 'CardToken\\Exception' || $e->isSubclassOf('CardToken\\Exception')) {
        $sc += $errorConstants; // subclasses inherit them
    }
    ksort($sc);
    ksort($ec);
    if ($sc !== $ec) {
        $note($name, 'constants ' . json_encode($ec) . ', expected ' . json_encode($sc));
    }

    // Properties declared by the class itself.
    $props = fn(ReflectionClass $c) => array_filter($c->getProperties(), fn($p) => $p->getDeclaringClass()->getName() === $c->getName());
    $sprops = [];
    foreach ($props($s) as $p) {
        $sprops[$p->getName()] = $p;
    }
    $eprops = [];
    foreach ($props($e) as $p) {
        $eprops[$p->getName()] = $p;
    }
    if (array_keys($sprops) !== array_keys($eprops)) {
        $note($name, 'properties [' . implode(',', array_keys($eprops)) . '], stub says [' . implode(',', array_keys($sprops)) . ']');
    }
    foreach (array_intersect_key($sprops, $eprops) as $pname => $p) {
        $x = $eprops[$pname];
        foreach (['isPublic', 'isProtected', 'isPrivate', 'isStatic', 'isReadOnly', 'hasType', 'hasDefaultValue'] as $m) {
            if ($p->$m() !== $x->$m()) {
                $note("$name::\$$pname", "$m differs");
            }
        }
        if (type_str($p->getType()) !== type_str($x->getType())) {
            $note("$name::\$$pname", 'type ' . type_str($x->getType()) . ', stub says ' . type_str($p->getType()));
        }
        if ($p->hasDefaultValue() && exported($p->getDefaultValue()) !== exported($x->getDefaultValue())) {
            $note("$name::\$$pname", 'default differs');
        }
    }

    // Methods declared by the class itself.
    $own = fn(ReflectionClass $c) => array_filter($c->getMethods(), fn($m) => $m->getDeclaringClass()->getName() === $c->getName());
    $sm = [];
    foreach ($own($s) as $m) {
        $sm[$m->getName()] = $m;
    }
    $em = [];
    foreach ($own($e) as $m) {
        $em[$m->getName()] = $m;
    }
    ksort($sm);
    ksort($em);
    if (array_keys($sm) !== array_keys($em)) {
        $note($name, 'methods [' . implode(',', array_keys($em)) . '], stub says [' . implode(',', array_keys($sm)) . ']');
    }
    foreach (array_intersect_key($sm, $em) as $mname => $m) {
        $x = $em[$mname];
        $methods++;
        foreach (['isPublic', 'isProtected', 'isPrivate', 'isStatic', 'isFinal', 'isAbstract'] as $f) {
            if ($m->$f() !== $x->$f()) {
                $note("$name::$mname()", "$f differs");
            }
        }
        compare_function($m, $x, "$name::$mname()", $note);
    }
}

if ($diffs) {
    fwrite(STDERR, "check_arginfo: the extension and " . basename($argv[1]) . " disagree:\n  " . implode("\n  ", $diffs) . "\n");
    exit(1);
}
printf("check_arginfo: %d classes, %d methods and %d functions agree with %s\n", count($extClasses), $methods,
    count($extFunctions), basename($argv[1]));
