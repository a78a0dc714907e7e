<?php
/*
 * package_xml.php - writes or checks package.xml (the PECL package
 * description) from the list of files that belong in the PECL tarball.
 *
 *   find ... | php package_xml.php write package.xml core/include/cardtoken.h
 *   find ... | php package_xml.php check package.xml core/include/cardtoken.h
 *
 * The file list comes on standard input, one path per line (relative to the
 * project root). The version is CT_VERSION from the header; the license is
 * composer.json's. `check` exits 1 when package.xml lists other files, or
 * another version, than `write` would write (the date is not compared).
 * Plain string handling only: runs under `php -n`.
 */

declare(strict_types=1);

[$self, $mode, $xmlPath, $headerPath] = $argv + [null, null, null, null];
if (!in_array($mode, ['write', 'check'], true) || $xmlPath === null || $headerPath === null) {
    fwrite(STDERR, "usage: php package_xml.php write|check PACKAGE_XML HEADER < file-list\n");
    exit(2);
}

$files = array_values(array_filter(array_map('trim', explode("\n", stream_get_contents(STDIN))), 'strlen'));
sort($files, SORT_STRING);
if (!preg_match('/^#define CT_VERSION "([0-9]+\.[0-9]+\.[0-9]+)"/m', (string)file_get_contents($headerPath), $m)) {
    fwrite(STDERR, "package_xml: CT_VERSION not found in $headerPath\n");
    exit(2);
}
$version = $m[1];
$root = dirname($xmlPath);
$composer = json_decode((string)@file_get_contents("$root/composer.json"), true) ?: [];
$license = is_string($composer['license'] ?? null) ? $composer['license'] : 'proprietary';

function role(string $path): string
{
    if (str_starts_with($path, 'tests/') || str_starts_with($path, 'python/')) {
        return 'test';
    }
    if (preg_match('#^(README|LICENSE|CREDITS|CHANGELOG)#', $path)) {
        return 'doc';
    }
    return 'src';
}

if ($mode === 'check') {
    $xml = @file_get_contents($xmlPath);
    if ($xml === false) {
        fwrite(STDERR, "package_xml: $xmlPath is missing\n");
        exit(1);
    }
    preg_match_all('#<file\b[^>]*\bname="([^"]+)"(?:[^>]*\brole="([^"]*)")?#', $xml, $mm, PREG_SET_ORDER);
    $listed = [];
    foreach ($mm as $row) {
        $listed[html_entity_decode($row[1], ENT_QUOTES | ENT_XML1)] = $row[2] ?? '';
    }
    $bad = 0;
    foreach (array_diff($files, array_keys($listed)) as $f) {
        fwrite(STDERR, "package_xml: $f is not listed in package.xml\n");
        $bad = 1;
    }
    foreach (array_diff(array_keys($listed), $files) as $f) {
        fwrite(STDERR, "package_xml: package.xml lists $f, which is not in the tree\n");
        $bad = 1;
    }
    foreach (array_intersect_key($listed, array_flip($files)) as $f => $role) {
        if ($role !== role($f)) {
            fwrite(STDERR, "package_xml: $f has role '$role' in package.xml, expected " . role($f) . "\n");
            $bad = 1;
        }
    }
    if (!preg_match('#<release>' . preg_quote($version, '#') . '</release>#', $xml)
        || !preg_match('#<api>' . preg_quote($version, '#') . '</api>#', $xml)) {
        fwrite(STDERR, "package_xml: package.xml's version is not CT_VERSION $version\n");
        $bad = 1;
    }
    if ($bad) {
        exit(1);
    }
    printf("package_xml: package.xml lists all %d files, version %s\n", count($files), $version);
    exit(0);
}

$stability = version_compare($version, '1.0.0', '<') ? 'alpha' : 'stable';
$lines = [];
foreach ($files as $f) {
    $lines[] = '   <file name="' . htmlspecialchars($f, ENT_XML1 | ENT_QUOTES) . '" role="' . role($f) . '" />';
}
$date = gmdate('Y-m-d');
$contents = implode("\n", $lines);
$licenseXml = htmlspecialchars($license, ENT_XML1);
$xml = <<<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by php/build.sh package-xml (php/package_xml.php); checked by php/build.sh pecl-check. -->
<package packagerversion="1.10.13" version="2.0" xmlns="http://pear.php.net/dtd/package-2.0" xmlns:tasks="http://pear.php.net/dtd/tasks-1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://pear.php.net/dtd/tasks-1.0 http://pear.php.net/dtd/tasks-1.0.xsd http://pear.php.net/dtd/package-2.0 http://pear.php.net/dtd/package-2.0.xsd">
 <name>cardtoken</name>
 <channel>pecl.php.net</channel>
 <summary>Card-vault calls of Pagsmile, PayerMax, YabandPay and WorldFirst</summary>
 <description>cardtoken validates, signs, sends, verifies and parses four payment gateways' card-vault calls (Pagsmile getcardtoken, PayerMax inquirePaymentToken, YabandPay v3.CreateCardPayments, WorldFirst queryCardSensitiveInfo) in one C core, with classes in the CardToken namespace. Needs libcurl, OpenSSL and jansson (pkg-config).</description>
 <lead>
  <name>cardtoken maintainers</name>
  <user>cardtoken</user>
  <email>cardtoken@example.invalid</email>
  <active>yes</active>
 </lead>
 <date>$date</date>
 <version>
  <release>$version</release>
  <api>$version</api>
 </version>
 <stability>
  <release>$stability</release>
  <api>$stability</api>
 </stability>
 <license>$licenseXml</license>
 <notes>Release $version.</notes>
 <contents>
  <dir name="/">
$contents
  </dir>
 </contents>
 <dependencies>
  <required>
   <php>
    <min>8.2.0</min>
   </php>
   <pearinstaller>
    <min>1.10.0</min>
   </pearinstaller>
  </required>
 </dependencies>
 <providesextension>cardtoken</providesextension>
 <extsrcrelease />
</package>

XML;
file_put_contents($xmlPath, $xml);
printf("package_xml: wrote %s (%d files, version %s)\n", $xmlPath, count($files), $version);
