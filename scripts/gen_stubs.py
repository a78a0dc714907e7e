#!/usr/bin/env python3
"""Writes the files generated from the core's description of itself.

    scripts/gen_stubs.py [--describe build/c/ct_describe] [--out DIR]

Runs build/c/ct_describe (a program using only cardtoken.h that prints every
gateway, operation, argument, result field and notification input as JSON)
and writes, under DIR (default: the project's top directory):

    php/cardtoken.stub.php         the PHP signatures (then: php/build.sh gen-arginfo)
    php/cardtoken_classes.h        the PHP classes and methods, as X-macro lists
    python/cardtoken/__init__.pyi  the Python type stubs
    docs/operations.md             the operations table

The error constants come from CT_ERROR_TABLE in core/include/cardtoken.h.
`make generate` runs it; `make test` regenerates into a temporary folder and
fails when a committed file differs (scripts/check_generated.sh).
Python standard library only.
"""

import argparse
import ast
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGEN = "make generate (scripts/gen_stubs.py, from build/c/ct_describe)"


def error_names(header):
    with open(header, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"#define CT_ERROR_TABLE\(X\)(.*?)\n\n", text, re.S)
    if not m:
        sys.exit("gen_stubs: CT_ERROR_TABLE not found in " + header)
    return re.findall(r"X\((CT_[A-Z_]+),", m.group(1))


def exception_names(path):
    """The exception classes cardtoken exports: _errors.py's __all__."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "__all__" for t in node.targets):
            return ast.literal_eval(node.value)
    sys.exit("gen_stubs: no __all__ in " + path)


def result_types(desc):
    """Every result type, once, in order of first use: (name, fields)."""
    seen = {}
    for gw in desc["gateways"]:
        for op in gw["ops"]:
            seen.setdefault(op["result_name"], op["fields"])
    return list(seen.items())


# ---------------------------------------------------------------- Python

PY_ARG = {
    "string": "str",
    "secret": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
    "object": "dict[str, Any]",
    "list": "list[Any]",
    "mapping": "Mapping[str, Any]",
    "bytes": "_Body",
}
PY_FIELD = {"string": "str", "int": "int", "json": "Mapping[str, Any]"}
# notification inputs whose Python type is more than their ct_type says
PY_NOTIFY = {"headers": "_Headers", "sign": "_Body"}


def py_kwonly(params):
    out = []
    for p in sorted(params, key=lambda p: not p["required"]):
        t = PY_ARG[p["type"]]
        out.append(f"{p['name']}: {t}" if p["required"] else f"{p['name']}: {t} | None = None")
    return out


def py_def(name, params, ret, indent="    ", width=100):
    """A method definition, laid out as black does (self first)."""
    inner = ", ".join(["self"] + params)
    one = f"{indent}def {name}({inner}) -> {ret}: ..."
    if len(one) <= width:
        return [one]
    if len(indent) + 4 + len(inner) <= width:
        return [f"{indent}def {name}(", f"{indent}    {inner}", f"{indent}) -> {ret}: ..."]
    lines = [f"{indent}def {name}(", f"{indent}    self,"]
    lines += [f"{indent}    {p}," for p in params]
    lines.append(f"{indent}) -> {ret}: ...")
    return lines


def py_notify_params(gw):
    pos, kw = [], []
    for p in gw["notify_params"]:
        t = PY_NOTIFY.get(p["name"], PY_ARG[p["type"]])
        if p.get("nullable"):
            t += " | None"
        if p["required"]:
            pos.append(f"{p['name']}: {t}")
        else:
            kw.append(f"{p['name']}: {t} | None = None")
    return pos + (["*"] + kw if kw else [])


def gen_pyi(desc, errors):
    results = result_types(desc)
    classes = [g["class_name"] for g in desc["gateways"]]
    exc = exception_names(os.path.join(HERE, "python", "cardtoken", "_errors.py"))
    names = classes + ["Async" + c for c in classes] + ["Request", "Notification"] + [r for r, _ in results] + exc
    names += ["Response", "CallRecord", "TRACE"]
    names += ["CURL_VERSION", "OPENSSL_VERSION", "__version__", "configure_cache"]
    names += ["doctor", "explain_signature"] + sorted(errors)
    o = [
        '"""Type stubs of cardtoken (the C extension cardtoken._cardtoken and the',
        'exceptions of cardtoken._errors, re-exported here).',
        "",
        "Generated from the C core's description of itself; do not edit.",
        f"Regenerate with: {REGEN}.",
        '"""',
        "",
        "from collections.abc import Callable, Iterable, Iterator, Mapping",
        "from types import TracebackType",
        "from typing import Any, NoReturn, TypeVar, final",
        "",
        '_T = TypeVar("_T")',
        "",
        "_Text = str | bytes",
        "_Headers = Mapping[str, str] | Mapping[bytes, bytes] | Iterable[tuple[_Text, _Text]]",
        "_Body = bytes | bytearray | memoryview | str",
        "",
        "__all__ = [",
    ]
    o += [f'    "{n}",' for n in names]
    o += ["]", "__version__: str", "CURL_VERSION: str", "OPENSSL_VERSION: str", ""]
    o += [
        "def configure_cache(",
        "    *,",
        "    persistent: bool | None = None,",
        "    max_connections: int | None = None,",
        "    idle_timeout: int | None = None,",
        ") -> dict[str, Any]: ...",
        "",
        "# The signature doctor (cardtoken._doctor, README \"Signature doctor\").",
        "def doctor(",
        "    gateway: str, config: Mapping[str, Any], *, online: bool = False, base_dir: str | None = None",
        ") -> dict[str, Any]: ...",
        "def explain_signature(",
        "    gateway: str,",
        "    config: Mapping[str, Any],",
        "    operation: str,",
        "    arguments: Mapping[str, Any],",
        "    *,",
        "    base_dir: str | None = None,",
        ") -> dict[str, Any]: ...",
        "",
    ]
    o.append("# The core's error codes (Error.code); Error.name is the constant's name.")
    o += [f"{e}: int" for e in errors]
    o += [
        "",
        "# ---------------------------------------------------------------- errors",
        "",
        "class Error(Exception):",
        "    message: str",
        "    code: int",
        "    name: str",
        "    gateway: str | None",
        "    field: str | None",
        "    retryable: bool",
        "    outcome_unknown: bool",
        "    http_status: int | None",
        "    gateway_code: str | None",
        "    gateway_message: str | None",
        "    retry_after: float | None",
        "    response: Response | None",
        "    def __init__(",
        "        self,",
        '        message: str = "",',
        "        *,",
        "        code: int = 2,",
        '        name: str = "CT_ERR_INTERNAL",',
        "        gateway: str | None = None,",
        "        field: str | None = None,",
        "        retryable: bool = False,",
        "        outcome_unknown: bool = False,",
        "        http_status: int | None = None,",
        "        gateway_code: str | None = None,",
        "        gateway_message: str | None = None,",
        "        retry_after: float | None = None,",
        "    ) -> None: ...",
        "",
        "class ConfigurationError(Error, ValueError): ...",
        "class ValidationError(Error, ValueError): ...",
        "class TransportError(Error): ...",
        "class ProtocolError(Error): ...",
        "class SignatureError(Error): ...",
        "class GatewayError(Error): ...",
        "class ResultUnknownError(GatewayError): ...",
        "class UnknownOptionError(ConfigurationError, TypeError): ...",
        "class UnknownArgumentError(ValidationError, TypeError): ...",
        "class OptionTypeError(ConfigurationError, TypeError): ...",
        "class ArgumentTypeError(ValidationError, TypeError): ...",
        "",
        "# ---------------------------------------------------------------- notifications",
        "",
        "@final",
        "class Notification(dict[str, Any]):",
        '    """The verified content verify_notification() returns: a dict whose repr()/str()',
        '    mask credentials and card numbers (README "raw"); its values are as received."""',
        "",
        "# ---------------------------------------------------------------- requests",
        "",
        "@final",
        "class Request:",
        "    @property",
        "    def method(self) -> str: ...",
        "    @property",
        "    def url(self) -> str: ...",
        "    @property",
        "    def headers(self) -> list[tuple[str, str]]: ...",
        "    @property",
        "    def body(self) -> bytes: ...",
        "    @property",
        "    def request_id(self) -> str | None: ...",
        "    def __reduce__(self) -> NoReturn: ...",
        "    def __reduce_ex__(self, protocol: Any, /) -> NoReturn: ...",
        "",
        "# ---------------------------------------------------------------- observing",
        "# cardtoken._observe: the exchange of a call, and the on_call records.",
        "",
        "TRACE: int",
        "",
        "@final",
        "class Response:",
        "    status: int",
        "    headers: tuple[tuple[str, str], ...]",
        "    attempts: int",
        "    elapsed: float",
        "    def __init__(",
        "        self, status: int, headers: tuple[tuple[str, str], ...], attempts: int, elapsed: float",
        "    ) -> None: ...",
        "    def header(self, name: str) -> str | None: ...",
        "",
        "@final",
        "class CallRecord(Mapping[str, Any]):",
        "    def __init__(self, d: Mapping[str, Any]) -> None: ...",
        "    def __getitem__(self, key: str) -> Any: ...",
        "    def __iter__(self) -> Iterator[str]: ...",
        "    def __len__(self) -> int: ...",
        "    def __getattr__(self, name: str) -> Any: ...",
        "",
        "# ---------------------------------------------------------------- results",
        "# Immutable: every field is read-only.",
        "",
        "class _Result:",
        "    @property",
        "    def _fields(self) -> tuple[str, ...]: ...",
        "    @property",
        "    def response(self) -> Response | None: ...",
        "    def _asdict(self) -> dict[str, Any]: ...",
        "    def __reduce__(self) -> NoReturn: ...",
        "    def __reduce_ex__(self, protocol: Any, /) -> NoReturn: ...",
    ]
    for rname, fields in results:
        o += ["", "@final", f"class {rname}(_Result):"]
        for f in fields:
            t = PY_FIELD[f["type"]] + (" | None" if f["nullable"] else "")
            o.append(f"    {f['name']}: {t}")
    o += [
        "",
        "# ---------------------------------------------------------------- clients",
        "",
    ]
    o += py_client_base("_Client", "", "close", "__enter__", "__exit__")
    o.append("    def __reduce_ex__(self, protocol: Any, /) -> NoReturn: ...")
    for gw in desc["gateways"]:
        o += py_client(gw, "")
    o += ["", "# ---------------------------------------------------------------- asyncio clients", ""]
    o += py_client_base("_AsyncClient", "async ", "aclose", "__aenter__", "__aexit__")
    for gw in desc["gateways"]:
        o += py_client(gw, "Async")
    return "\n".join(o) + "\n"


def py_client_base(name, kind, close, enter, exit_):
    """The base class of the sync clients (kind "") or the asyncio ones
    (kind "async "): closed, gateway, closing, the context manager."""
    return [
        f"class {name}:",
        "    @property",
        "    def closed(self) -> bool: ...",
        "    @property",
        "    def gateway(self) -> str: ...",
        f"    {kind}def {close}(self) -> None: ...",
        f"    {kind}def {enter}(self: _T) -> _T: ...",
        f"    {kind}def {exit_}(",
        "        self,",
        "        exc_type: type[BaseException] | None,",
        "        exc: BaseException | None,",
        "        tb: TracebackType | None,",
        "        /,",
        "    ) -> bool: ...",
        "    def __reduce__(self) -> NoReturn: ...",
    ]


# Options of the Python shim itself (not in the core's description).
SHIM_PY_OPTIONS = ["on_call: Callable[[CallRecord], object] | None = None"]


def py_client(gw, prefix):
    """The stub of a sync client class (prefix "") or of its asyncio twin
    ("Async"): the same options and operations, the calls as coroutines."""
    cls = prefix + gw["class_name"]
    o = ["", "@final", f"class {cls}({'_AsyncClient' if prefix else '_Client'}):"]
    # on_call is the shim's own option (a callable cannot be a core option
    # value): cardtoken._observe, README "Debugging and observability".
    shim_opts = [f"        {p}," for p in SHIM_PY_OPTIONS]
    if prefix:
        o += ["    def __init__(", "        self,", "        *,"]
        o += [f"        {p}," for p in py_kwonly(gw["options"])] + shim_opts
        o.append("    ) -> None: ...")
    else:
        o += ["    def __new__(", "        cls,", "        *,"]
        o += [f"        {p}," for p in py_kwonly(gw["options"])] + shim_opts
        o.append(f"    ) -> {cls}: ...")
    for op in gw["ops"]:
        res = op["result_name"]
        if op["returns_list"]:
            res = f"list[{res}]"
        args = ["*"] + py_kwonly(op["args"]) if op["args"] else []
        call = py_def(op["name"], args, res)
        if prefix:
            call[0] = call[0].replace("def ", "async def ", 1)
        o += call
        o += py_def("build_" + op["name"], args, "Request")
        o += py_def(
            "parse_" + op["name"],
            ["status: int", "headers: _Headers", "body: _Body", "*", "request: Request | None = None"],
            res,
        )
    o += py_notify_params_def(gw)
    return o


def py_notify_params_def(gw):
    o = py_def("verify_notification", py_notify_params(gw), "Notification")
    if gw["ack_signed"]:
        o.append("    def notification_ack(self, path: str) -> tuple[list[tuple[str, str]], str]: ...")
    else:
        o.append("    def notification_ack(self) -> str: ...")
    return o


# ---------------------------------------------------------------- PHP

PHP_ARG = {"mapping": "array", "bytes": "string", "string": "string", "secret": "string",
           "int": "int", "float": "float", "bool": "bool", "object": "array", "list": "array"}
PHP_FIELD = {"string": "?string", "int": "?int", "json": "array"}
SENSITIVE = "#[\\SensitiveParameter] "
CLASS_DOC = ["    /**", "     * @strict-properties", "     * @not-serializable", "     */"]


def php_notify_params(gw):
    out = []
    for p in gw["notify_params"]:
        t = PHP_ARG[p["type"]]
        s = SENSITIVE if p["secret"] else ""
        if not p["required"]:
            out.append(f"{s}?{t} ${p['php_name']} = null")
        elif p.get("nullable"):
            out.append(f"{s}?{t} ${p['php_name']}")
        else:
            out.append(f"{s}{t} ${p['php_name']}")
    return ", ".join(out)


def ucfirst(s):
    return s[:1].upper() + s[1:]


# The PHP shim's own client options (not in the core's description: an
# object or a callable cannot be a core option value): ct_php_observe.c.
PHP_SHIM_OPTIONS_DOC = [
    "        /**",
    "         * $options: the options of docs/operations.md, and the shim's own:",
    "         * 'logger' => an object with log($level, $message, array $context)",
    "         * (PSR-3 style; no psr/log needed): one 'debug' line per attempt and",
    "         * per call; 'log_bodies' => true: the masked bodies too; 'on_call' =>",
    "         * a callable given each record (an array). README \"Debugging and",
    "         * observability\".",
    "         */",
]


# The signature doctor (php/ct_php_doctor.c, README "Signature doctor").
PHP_DOCTOR = [
    "",
    "    /**",
    "     * The signature doctor: the core's offline configuration check and the",
    "     * exact string a request signs (README \"Signature doctor\"). Nothing",
    "     * returned holds key material, a secret or a full card number.",
    "     *",
    "     * @not-serializable",
    "     */",
    "    final class Doctor",
    "    {",
    "        /**",
    "         * Checks $config (the client's options plus merchant_public_key) offline;",
    "         * $online also compares the clock with the endpoint's Date header (one HEAD).",
    "         *",
    "         * @return array{gateway: string, ok: bool, errors: int, warnings: int,",
    "         *     findings: list<array{level: string, code: string, field: string, message: string}>}",
    "         */",
    "        public static function check(",
    f"            string $gateway, {SENSITIVE}array $config, bool $online = false",
    "        ): array {}",
    "",
    "        /**",
    "         * What build<Op>($args) of a client of $config signs: the signed string",
    "         * (secrets as <name>, card data masked; verbatim when it has none) and",
    "         * the signature.",
    "         *",
    "         * @return array{gateway: string, operation: string, algorithm: string, sent_in: string,",
    "         *     signed: string, masked: bool, signature: string, method: string, url: string}",
    "         */",
    "        public static function sign(string $gateway, string $op, "
    f"{SENSITIVE}array $args, {SENSITIVE}array $config): array {{}}",
    "",
    "        private function __construct() {}",
    "    }",
]


def gen_php(desc):
    gateways = ", ".join(f'"{g["name"]}"' for g in desc["gateways"])
    o = [
        "<?php",
        "",
        "/**",
        " * The PHP signatures of the cardtoken extension: generated from the C",
        " * core's description of itself; do not edit.",
        f" * Regenerate with: {REGEN};",
        " * cardtoken_arginfo.h is then generated from this file by PHP's",
        " * build/gen_stub.php (php/build.sh gen-arginfo) and committed;",
        " * php/build.sh check-arginfo fails when the two disagree.",
        " *",
        " * @generate-class-entries",
        " * @generate-legacy-arginfo 80100",
        " */",
        "",
        "namespace CardToken {",
        "",
        '    /** The C core\'s version, e.g. "0.1.0". */',
        "    function version(): string {}",
    ]
    for gw in desc["gateways"]:
        o += [""] + CLASS_DOC + [f"    final class {gw['class_name']}", "    {"]
        o += PHP_SHIM_OPTIONS_DOC
        o.append("        public function __construct(#[\\SensitiveParameter] array $options) {}")
        for op in gw["ops"]:
            res = op["result_name"]
            ret = "array" if op["returns_list"] else res
            doc = [f"        /** @return list<{res}> */"] if op["returns_list"] else []
            args = f"{SENSITIVE}array $args" if op["args"] else ""
            o += [""] + doc
            o.append(f"        public function {op['php_name']}({args}): {ret} {{}}")
            o += ["", f"        public function build{ucfirst(op['php_name'])}({args}): Request {{}}", ""]
            o += doc
            o.append(
                f"        public function parse{ucfirst(op['php_name'])}(int $status, array $headers, "
                f"{SENSITIVE}string $body, ?Request $request = null): {ret} {{}}"
            )
        o += ["", f"        public function verifyNotification({php_notify_params(gw)}): array {{}}", ""]
        if gw["ack_signed"]:
            o.append("        /** @return array{0: list<array{0: string, 1: string}>, 1: string} [headers, body] */")
            o.append("        public function notificationAck(string $path): array {}")
        else:
            o.append("        public function notificationAck(): string {}")
        o.append("    }")
    o += [
        "",
        "    /**",
        "     * A built request, to be sent with the caller's own HTTP stack.",
        "     * Debug output shows a redacted body; $request->body is the real one.",
        "     *",
        "     * @strict-properties",
        "     * @not-serializable",
        "     */",
        "    final class Request",
        "    {",
        "        public readonly string $method;",
        "        public readonly string $url;",
        "        /** @var list<array{0: string, 1: string}> */",
        "        public readonly array $headers;",
        "        public readonly string $body;",
        "        /** YabandPay: the request_id that was sent (generated when not given); null otherwise. */",
        "        public readonly ?string $request_id;",
        "",
        "        private function __construct() {}",
        "    }",
    ]
    o += PHP_DOCTOR
    for rname, fields in result_types(desc):
        sens = [f["name"] for f in fields if f["sensitive"]]
        if sens:
            who = " and ".join(sens) if len(sens) <= 2 else ", ".join(sens[:-1]) + " and " + sens[-1]
            o += ["", "    /**", f"     * {who} are readable as properties; every dump masks them.", "     *"]
            o += CLASS_DOC[1:]
        else:
            o += [""] + CLASS_DOC
        o += [f"    final class {rname}", "    {"]
        o += [f"        public readonly {PHP_FIELD[f['type']]} ${f['name']};" for f in fields]
        o += ["", "        private function __construct() {}", ""]
        o += [
            "        /**",
            "         * The HTTP exchange of the call that returned it, or null (parse*()):",
            "         * ['status' => int, 'headers' => list<array{0: string, 1: string}>",
            "         * (credential values masked), 'attempts' => int, 'elapsed' => float].",
            "         */",
            "        public function getResponse(): ?array {}",
            "    }",
        ]
    o += [
        "",
        "    /**",
        "     * Base of every cardtoken exception. getCode() is the C core's ct_err",
        "     * value; the class constants (Exception::TIMEOUT, ...) are registered",
        "     * from the core's CT_ERROR_TABLE.",
        "     */",
        "    class Exception extends \\RuntimeException",
        "    {",
        "        private ?string $gateway = null;",
        "        private ?string $field = null;",
        "        private bool $retryable = false;",
        "        private bool $outcomeUnknown = false;",
        "        private ?int $httpStatus = null;",
        "        private ?string $gatewayCode = null;",
        "        private ?string $gatewayMessage = null;",
        "        private ?float $retryAfter = null;",
        "        private ?array $response = null;",
        "",
        f"        /** {gateways}, or null. */",
        "        final public function getGateway(): ?string {}",
        "",
        "        /** The argument or option at fault (snake_case), or null. */",
        "        final public function getField(): ?string {}",
        "",
        "        final public function isRetryable(): bool {}",
        "",
        "        final public function isOutcomeUnknown(): bool {}",
        "",
        "        /** null when there was no HTTP response. */",
        "        final public function getHttpStatus(): ?int {}",
        "",
        "        final public function getGatewayCode(): ?string {}",
        "",
        "        final public function getGatewayMessage(): ?string {}",
        "",
        "        /** Seconds to wait before asking again, or null when not given. */",
        "        final public function getRetryAfter(): ?float {}",
        "",
        "        /** The HTTP exchange when the gateway answered (as a result's getResponse()), else null. */",
        "        final public function getResponse(): ?array {}",
        "",
        '        /** The core\'s error name, e.g. "CT_ERR_TIMEOUT". */',
        "        final public function getErrorName(): string {}",
        "    }",
        "",
        "    class ConfigurationException extends Exception {}",
        "",
        "    class ValidationException extends Exception {}",
        "",
        "    class TransportException extends Exception {}",
        "",
        "    class ProtocolException extends Exception {}",
        "",
        "    class SignatureException extends Exception {}",
        "",
        "    class GatewayException extends Exception {}",
        "",
        "    class ResultUnknownException extends GatewayException {}",
        "}",
    ]
    return "\n".join(o) + "\n"


def gen_php_classes(desc):
    """The lists the PHP shim expands into its method bodies and MINIT."""
    o = [
        "/*",
        " * cardtoken_classes.h - the PHP classes and methods of the cardtoken",
        " * extension: generated from the C core's description of itself; do not edit.",
        f" * Regenerate with: {REGEN}.",
        " *",
        " * cardtoken_arginfo.h (generated from cardtoken.stub.php) declares every",
        " * method and registers every class; these lists name them so that the",
        " * shim defines each method as a call of its generic handler and registers",
        " * each class, without naming any itself.",
        " */",
        "#ifndef CARDTOKEN_CLASSES_H",
        "#define CARDTOKEN_CLASSES_H",
        "",
        "/* X(class): one per gateway, in ct_gateway_at() order. */",
        "#define CT_PHP_GATEWAY_CLASSES(X) \\",
    ]
    o += [f"    X({g['class_name']}) \\" for g in desc["gateways"]]
    o += [
        "",
        "/* X(class, method, kind, operation): every operation method; kind is",
        " * CALL, BUILD or PARSE, operation its PHP name (ct_op_find). */",
        "#define CT_PHP_OPERATION_METHODS(X) \\",
    ]
    for g in desc["gateways"]:
        for op in g["ops"]:
            n = op["php_name"]
            for kind, m in (("CALL", n), ("BUILD", "build" + ucfirst(n)), ("PARSE", "parse" + ucfirst(n))):
                o.append(f'    X({g["class_name"]}, {m}, {kind}, "{n}") \\')
    o += ["", "/* X(class): every result class. */", "#define CT_PHP_RESULT_CLASSES(X) \\"]
    o += [f"    X({r}) \\" for r, _ in result_types(desc)]
    o += ["", "#endif"]
    # the last continuation of each list ends the macro
    text = "\n".join(o) + "\n"
    return text.replace(" \\\n\n", "\n\n")


# ---------------------------------------------------------------- docs


def md(s):
    return (s or "").replace("|", "\\|")


def md_params(params):
    """`name` (required|optional[, secret]), ..."""
    return ", ".join(
        f"`{p['name']}` (" + ("required" if p["required"] else "optional") + (", secret)" if p["secret"] else ")")
        for p in params
    )


def gen_ops_md(desc):
    o = [
        "# Operations",
        "",
        "<!-- Generated from the C core's description of itself; do not edit.",
        f"     Regenerate with: {REGEN}. -->",
        "",
        "Every operation of every gateway, as the C core describes it. In Python each",
        "operation `op` is three client methods: `op(**args)`, `build_op(**args)` (a",
        "signed `Request`) and `parse_op(status, headers, body, *, request=None)`; in",
        "PHP `opName(array $args)`, `buildOpName(...)` and `parseOpName(...)`.",
        "Arguments marked *secret* are card data, keys or tokens: never logged, masked",
        "in every message (PHP marks them `#[\\SensitiveParameter]`). Result fields",
        "marked *sensitive* are masked in repr()/var_dump().",
        "",
        "| Gateway | Operation | PHP name | Result | Arguments | Result fields |",
        "|---|---|---|---|---|---|",
    ]
    for gw in desc["gateways"]:
        for op in gw["ops"]:
            args = md_params(op["args"])
            fields = ", ".join(
                f"`{f['name']}`" + (" (sensitive)" if f["sensitive"] else "") for f in op["fields"]
            )
            res = op["result_name"] + (" (list)" if op["returns_list"] else "")
            o.append(
                f"| {gw['class_name']} | `{op['name']}` | `{op['php_name']}` | {res} | {args} | {fields} |"
            )
    o += ["", "## Notifications", "", "| Gateway | verify_notification inputs | notification_ack |", "|---|---|---|"]
    for gw in desc["gateways"]:
        ins = ", ".join(
            f"`{p['name']}`" + ("" if p["required"] else " (optional)") for p in gw["notify_params"]
        )
        ack = "`(path)` -> signed (headers, body)" if gw["ack_signed"] else "`()` -> body"
        o.append(f"| {gw['class_name']} | {ins} | {ack} |")
    o += ["", "## Options", ""]
    for gw in desc["gateways"]:
        opts = md_params(gw["options"])
        o.append(f"- **{gw['class_name']}** (`{gw['name']}`): {md(gw.get('doc'))} Options: {opts}.")
    return "\n".join(o) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--describe", default=os.path.join(HERE, "build", "c", "ct_describe"))
    ap.add_argument("--json", help="read the description from this file instead")
    ap.add_argument("--out", default=HERE)
    a = ap.parse_args()
    if a.json:
        with open(a.json, encoding="utf-8") as f:
            desc = json.load(f)
    else:
        desc = json.loads(subprocess.run([a.describe], check=True, stdout=subprocess.PIPE).stdout)
    errors = error_names(os.path.join(HERE, "core", "include", "cardtoken.h"))
    files = {
        os.path.join("python", "cardtoken", "__init__.pyi"): gen_pyi(desc, errors),
        os.path.join("php", "cardtoken.stub.php"): gen_php(desc),
        os.path.join("php", "cardtoken_classes.h"): gen_php_classes(desc),
        os.path.join("docs", "operations.md"): gen_ops_md(desc),
    }
    for rel, text in files.items():
        path = os.path.join(a.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
