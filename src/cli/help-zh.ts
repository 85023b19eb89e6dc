/**
 * @module cli/help-zh
 * `--help` in Chinese (`--lang zh`). The English help stays where each command is defined; this module holds
 * the catalogue from every English help text (command, option and argument descriptions, and the texts added
 * with `addHelpText`) to its Chinese wording, and the commander help settings that show it. Option flags,
 * command names, file names and values stay as they are; example command lines are kept verbatim. The terms
 * follow core/messages/zh.ts (出境清单 for an export manifest, 账本 for the ledger).
 */
import type { EventEmitter } from 'node:events';
import type { AddHelpTextContext, Argument, Command, HelpConfiguration, Option } from 'commander';
import { Help } from 'commander';
import { displayWidth } from './table.js';

/** English help text → its Chinese wording, in the order `--help` shows the commands. */
export const HELP_ZH_ENTRIES: ReadonlyArray<readonly [string, string]> = [
  [
    'DataPass: cross-border data export under the Lingang general data list + negative list mechanism.\n' +
      'DataPass：临港新片区数据跨境 一般数据清单 + 负面清单 的工具。',
    'DataPass：临港新片区数据跨境 一般数据清单 + 负面清单 的工具。',
  ],
  ['display help for command', '显示命令帮助'],
  ['output the version number', '显示版本号'],
  [
    'where DataPass keeps its database, keys and ledger (default: $DATAPASS_HOME, else ./data)',
    'DataPass 存放数据库、密钥和账本的目录（默认：$DATAPASS_HOME，否则为 ./data）',
  ],
  ['language of human output: en or zh', '人类可读输出的语言：en 或 zh'],
  [
    `
The flow of one export:
  datapass lists                                              which lists exist, which version is in force
  datapass scan orders.csv --list lingang.icv.after_sales     classify columns, map them to list fields
  datapass assess --list lingang.icv.after_sales --dataset orders.csv --profile transfer.json
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv --recipient acme-gmbh --country DE --out m.yaml
  datapass manifest sign m.yaml --key data/keys/acme.key
  datapass apply --manifest m.yaml --in orders.ndjson --out export.ndjson --to acme-gmbh
  datapass ledger verify

Try it on demo data:  datapass demo run
Exit codes: 0 ok, 1 a blocking finding (failed verification, prohibited transfer, tampered ledger), 2 bad usage or input.`,
    `
一次出境的流程：
  datapass lists                                              有哪些清单，哪个版本现行有效
  datapass scan orders.csv --list lingang.icv.after_sales     对各列分类，并映射到清单字段
  datapass assess --list lingang.icv.after_sales --dataset orders.csv --profile transfer.json
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv --recipient acme-gmbh --country DE --out m.yaml
  datapass manifest sign m.yaml --key data/keys/acme.key
  datapass apply --manifest m.yaml --in orders.ndjson --out export.ndjson --to acme-gmbh
  datapass ledger verify

用演示数据试一试：  datapass demo run
退出码：0 正常；1 有阻断性结果（核验失败、禁止传输、账本被篡改）；2 用法或输入错误。`,
  ],
  [
    'general data lists and negative lists: catalogue, versions, diffs, signatures',
    '一般数据清单和负面清单：清单目录、版本、差异、签名',
  ],
  [
    `
Examples:
  datapass lists                         the catalogue, with each version's status today
  datapass lists --at 2024-06-01 --json
  datapass lists show lingang.icv.after_sales
  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0
  datapass lists verify my-list.yaml
  datapass keys trust regulator.pub && datapass lists import official-list.yaml`,
    `
示例：
  datapass lists                         清单目录，以及各版本今天的状态
  datapass lists --at 2024-06-01 --json
  datapass lists show lingang.icv.after_sales
  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0
  datapass lists verify my-list.yaml
  datapass keys trust regulator.pub && datapass lists import official-list.yaml`,
  ],
  [
    'the catalogue (default): id, version, domain, scenario, field count, status',
    '清单目录（默认子命令）：编号、版本、领域、场景、字段数、状态',
  ],
  ['machine-readable output', '机器可读的输出'],
  [
    'show status on this date (YYYY-MM-DD, default today in Asia/Shanghai)',
    '显示该日期的状态（YYYY-MM-DD，默认为 Asia/Shanghai 时区的今天）',
  ],
  [
    `
With no subcommand, prints the catalogue: id, version, domain, scenario, field count, status.
Status is one of in_force, superseded, expired, pending (not yet effective) or untrusted (failed verification).

Examples:
  datapass lists
  datapass lists --at 2024-06-01 --json
  datapass lists show lingang.icv.after_sales
  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0`,
    `
不带子命令时打印清单目录：编号、版本、领域、场景、字段数、状态。
状态为以下之一：in_force（现行有效）、superseded（已被取代）、expired（已失效）、
pending（尚未生效）或 untrusted（核验未通过）。

示例：
  datapass lists
  datapass lists --at 2024-06-01 --json
  datapass lists show lingang.icv.after_sales
  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0`,
  ],
  [
    'show one list: fields (or entries), conditions, PI classes, sources',
    '显示一份清单：字段（或条目）、条件、个人信息类别、来源',
  ],
  ['pick the version in force on this date (YYYY-MM-DD)', '选用该日期有效的版本（YYYY-MM-DD）'],
  ['the whole document as JSON', '以 JSON 输出整个文档'],
  ['ID (the version in force) or ID@VERSION', 'ID（现行有效的版本）或 ID@VERSION'],
  [
    `
Examples:
  datapass lists show lingang.icv.after_sales
  datapass lists show lingang.icv.after_sales --at 2024-06-01
  datapass lists show shanghai_ftz.negative@1.0.0 --json`,
    `
示例：
  datapass lists show lingang.icv.after_sales
  datapass lists show lingang.icv.after_sales --at 2024-06-01
  datapass lists show shanghai_ftz.negative@1.0.0 --json`,
  ],
  [
    'semantic diff between two versions: fields added/removed, conditions tightened/loosened, PI class changes',
    '两个版本之间的语义差异：字段增删、条件收紧或放宽、个人信息类别变化',
  ],
  ['ID@VERSION (older)', 'ID@VERSION（较旧）'],
  ['ID@VERSION (newer)', 'ID@VERSION（较新）'],
  [
    `
Example:
  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0`,
    `
示例：
  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0`,
  ],
  [
    'sign a list document (Ed25519 over its RFC 8785 canonical JSON); writes the signature into the file',
    '为清单文档签名（对其 RFC 8785 规范化 JSON 做 Ed25519 签名）；签名写入文件',
  ],
  ['private key file from `datapass keys generate`', '由 `datapass keys generate` 生成的私钥文件'],
  ['write the signed document here instead of replacing FILE', '将签名后的文档写到此处，而不是替换 FILE'],
  ['list YAML file', '清单 YAML 文件'],
  [
    `
Example:
  datapass keys generate --id lingang-admin-2026 --issuer lingang-admin --out ./admin
  datapass lists sign lists/vehicles/after-sales.yaml --key ./admin.key`,
    `
示例：
  datapass keys generate --id lingang-admin-2026 --issuer lingang-admin --out ./admin
  datapass lists sign lists/vehicles/after-sales.yaml --key ./admin.key`,
  ],
  [
    'verify a list file: schema, signature, trusted key, issuer, validity window (exit 1 if not trusted)',
    '核验清单文件：结构、签名、受信任的密钥、发布方、有效期（不可信时退出码为 1）',
  ],
  ['check validity on this date (YYYY-MM-DD, default today)', '按该日期检查有效期（YYYY-MM-DD，默认为今天）'],
  [
    `
Verification fails closed: unsigned, unknown key, missing key id, altered content,
expired or not yet effective → rejected with the reason.

Example:
  datapass lists verify lists/vehicles/lingang.icv.after_sales@1.1.0.yaml`,
    `
核验失败即拒绝：未签名、未知密钥、缺少密钥编号、内容被改动、
已失效或尚未生效 → 拒绝并说明原因。

示例：
  datapass lists verify lists/vehicles/lingang.icv.after_sales@1.1.0.yaml`,
  ],
  [
    'verify a list file and store it in the catalogue (nothing is stored if verification fails)',
    '核验清单文件并存入清单目录（核验未通过则不存储任何内容）',
  ],
  [
    'verify validity on this date instead of today (to archive a historical version)',
    '按该日期而非今天核验有效期（用于归档历史版本）',
  ],
  ['signed list YAML file', '已签名的清单 YAML 文件'],
  [
    `
Example:
  datapass keys trust lingang-admin-2026.pub
  datapass lists import official/lingang.icv.after_sales@2.0.0.yaml`,
    `
示例：
  datapass keys trust lingang-admin-2026.pub
  datapass lists import official/lingang.icv.after_sales@2.0.0.yaml`,
  ],
  [
    'print the JSON Schema (draft 2020-12) of a list document kind, for other tools',
    '打印某类清单文档的 JSON Schema（draft 2020-12），供其他工具使用',
  ],
  ['one of GeneralDataList, NegativeList', 'GeneralDataList、NegativeList 之一'],
  [
    `
The same schemas are committed under schemas/.

Example:
  datapass lists schema GeneralDataList > general-data-list.schema.json`,
    `
同样的 Schema 也已提交在 schemas/ 目录下。

示例：
  datapass lists schema GeneralDataList > general-data-list.schema.json`,
  ],
  ['signing keys and the trust store of issuer keys', '签名密钥，以及存放发布方密钥的信任库'],
  [
    `
Examples:
  datapass keys generate --id acme-trial-1 --issuer acme --trust
  datapass keys trust lingang-admin-2026.pub --kinds GeneralDataList,NegativeList
  datapass keys revoke lingang-admin-2026 --on 2026-12-01
  datapass keys list`,
    `
示例：
  datapass keys generate --id acme-trial-1 --issuer acme --trust
  datapass keys trust lingang-admin-2026.pub --kinds GeneralDataList,NegativeList
  datapass keys revoke lingang-admin-2026 --on 2026-12-01
  datapass keys list`,
  ],
  [
    'generate an Ed25519 key pair: KEY.key (private, mode 0600) and KEY.pub (give this to others)',
    '生成 Ed25519 密钥对：KEY.key（私钥，权限 0600）和 KEY.pub（交给他人）',
  ],
  [
    'key id written into every signature, e.g. `lingang-admin-2026`',
    '写入每个签名的密钥编号，例如 `lingang-admin-2026`',
  ],
  [
    'the issuer id this key signs for (must match `issuer.id` in documents)',
    '该密钥代表其签名的发布方编号（须与文档中的 `issuer.id` 一致）',
  ],
  [
    'path without extension for the two files (default: <data-dir>/keys/<keyId>)',
    '两个文件的路径，不含扩展名（默认：<data-dir>/keys/<keyId>）',
  ],
  ['also add the public key to this data directory’s trust store', '同时将公钥加入本数据目录的信任库'],
  [
    `
Examples:
  datapass keys generate --id acme-trial-1 --issuer acme --trust
  datapass keys generate --id lingang-admin-2026 --issuer lingang-admin --out ./lingang-admin-2026`,
    `
示例：
  datapass keys generate --id acme-trial-1 --issuer acme --trust
  datapass keys generate --id lingang-admin-2026 --issuer lingang-admin --out ./lingang-admin-2026`,
  ],
  ['add an issuer public key (a .pub file) to the trust store', '将发布方的公钥（.pub 文件）加入信任库'],
  [
    'comma-separated document kinds the key may sign: GeneralDataList, NegativeList, ExportManifest (default: any)',
    '该密钥可签署的文档类型，以逗号分隔：GeneralDataList、NegativeList、ExportManifest（默认：任意类型）',
  ],
  ['last day the key is accepted (YYYY-MM-DD)', '接受该密钥的最后一天（YYYY-MM-DD）'],
  ['public key file from `datapass keys generate`', '由 `datapass keys generate` 生成的公钥文件'],
  [
    `
Example:
  datapass keys trust lingang-admin-2026.pub --kinds GeneralDataList,NegativeList`,
    `
示例：
  datapass keys trust lingang-admin-2026.pub --kinds GeneralDataList,NegativeList`,
  ],
  [
    'mark a key as revoked from a date on: documents it signed are rejected from then',
    '将密钥标记为自某日起吊销：自该日起，拒绝其签署的文档',
  ],
  ['revocation date YYYY-MM-DD (default today)', '吊销日期 YYYY-MM-DD（默认为今天）'],
  ['key id', '密钥编号'],
  [
    `
Example:
  datapass keys revoke lingang-admin-2026 --on 2026-12-01`,
    `
示例：
  datapass keys revoke lingang-admin-2026 --on 2026-12-01`,
  ],
  ['show the keys in the trust store', '显示信任库中的密钥'],
  [
    `
Example:
  datapass keys list --json`,
    `
示例：
  datapass keys list --json`,
  ],
  [
    'classify the columns of a dataset: identifier types, PI class, free-text findings, list mapping',
    '为数据集的各列分类：标识符类型、个人信息类别、自由文本中的发现、清单映射',
  ],
  ['map columns to a general data list: ID or ID@VERSION', '将各列映射到一般数据清单：ID 或 ID@VERSION'],
  ['scan a uniform random sample of N rows (default 10000)', '均匀随机抽取 N 行扫描（默认 10000）'],
  ['put every row through the detectors', '每一行都经过检测器'],
  ['machine-readable report', '机器可读的报告'],
  [
    'text encoding of the source (default: detected; e.g. gbk, utf-8)',
    '数据源的文本编码（默认：自动检测；例如 gbk、utf-8）',
  ],
  ['force the format: csv, tsv, ndjson, json, parquet, xlsx', '指定格式：csv、tsv、ndjson、json、parquet、xlsx'],
  ['CSV delimiter (default: sniffed)', 'CSV 分隔符（默认：自动探测）'],
  ['XLSX worksheet (default: the first)', 'XLSX 工作表（默认：第一个）'],
  ['never show a progress bar', '从不显示进度条'],
  [
    'CSV/TSV/NDJSON/JSON/Parquet/XLSX file, `-` for stdin, `sqlite:PATH#TABLE` or `postgres://…#schema.table`',
    'CSV/TSV/NDJSON/JSON/Parquet/XLSX 文件，`-` 表示标准输入，或 `sqlite:PATH#TABLE`、`postgres://…#schema.table`',
  ],
  [
    `
The report gives, per column: infoType (null for free text or non-identifiers), PI class, confidence in [0,1],
findings (values or text spans per infoType) and the evidence (header match, share of values each detector
accepted, and why). Exit codes: 0 scanned, 2 bad usage or unreadable source.

Examples:
  datapass scan repair_orders.csv
  datapass scan repair_orders.csv --list lingang.icv.after_sales --json
  datapass scan orders.ndjson --full
  datapass scan export.csv --encoding gbk --sample 2000
  cat rows.ndjson | datapass scan - --json
  datapass scan sqlite:crm.db#customers
  datapass scan "postgres://app@localhost:5432/crm#public.owners" --json`,
    `
报告按列给出：infoType（自由文本或非标识符为 null）、个人信息类别、置信度（[0,1]）、
发现（按 infoType 列出的值或文本片段）和依据（表头匹配、各检测器接受的值所占比例及原因）。
退出码：0 已扫描；2 用法错误或数据源无法读取。

示例：
  datapass scan repair_orders.csv
  datapass scan repair_orders.csv --list lingang.icv.after_sales --json
  datapass scan orders.ndjson --full
  datapass scan export.csv --encoding gbk --sample 2000
  cat rows.ndjson | datapass scan - --json
  datapass scan sqlite:crm.db#customers
  datapass scan "postgres://app@localhost:5432/crm#public.owners" --json`,
  ],
  [
    'score scan reports against ground-truth labels: column accuracy, per-infoType precision/recall, decoys flagged',
    '按真实标注为扫描报告评分：列准确率、各 infoType 的精确率/召回率、被标记的干扰列',
  ],
  [
    'labels files (`<name>.labels.json` from `datapass demo data`), in the same order',
    '标注文件（`datapass demo data` 生成的 `<name>.labels.json`），顺序与扫描报告相同',
  ],
  ['machine-readable result', '机器可读的结果'],
  [
    'scan reports (`datapass scan --json` output), one per labels file',
    '扫描报告（`datapass scan --json` 的输出），每个标注文件对应一份',
  ],
  [
    `
Exit code 0 whatever the score (the numbers are the result); 2 on unreadable input.

Examples:
  datapass demo data --kind repair_orders --out demo
  datapass scan demo/repair_orders.csv --json > report.json
  datapass evaluate report.json --labels demo/repair_orders.labels.json
  datapass evaluate a.json b.json --labels a.labels.json b.labels.json --json`,
    `
无论得分如何，退出码均为 0（这些数字就是结果）；输入无法读取时为 2。

示例：
  datapass demo data --kind repair_orders --out demo
  datapass scan demo/repair_orders.csv --json > report.json
  datapass evaluate report.json --labels demo/repair_orders.labels.json
  datapass evaluate a.json b.json --labels a.labels.json b.labels.json --json`,
  ],
  [
    'assess a transfer: the legal pathway and a decision for every field, each with the article that decides it',
    '评估一次传输：合规路径和每个字段的结论，各附决定该结论的条款',
  ],
  ['general data list ID[@VERSION] to decide the fields against', '据以判定各字段的一般数据清单 ID[@VERSION]'],
  [
    'dataset to scan and decide field by field (csv, ndjson, json, parquet, xlsx, sqlite:…, postgres://…)',
    '要扫描并逐字段判定的数据集（csv、ndjson、json、parquet、xlsx、sqlite:…、postgres://…）',
  ],
  [
    'a saved scan report (`datapass scan --json`) instead of scanning a dataset',
    '已保存的扫描报告（`datapass scan --json`），代替扫描数据集',
  ],
  ['transfer profile, when a list and dataset are given', '传输画像（给出清单和数据集时使用）'],
  [
    'transfer date YYYY-MM-DD (default today in Asia/Shanghai): which rules and list versions apply',
    '传输日期 YYYY-MM-DD（默认为 Asia/Shanghai 时区的今天）：决定适用哪些规则和清单版本',
  ],
  [
    'kind of recipient abroad, checked against `recipient_types` list conditions',
    '境外接收方的类型，按清单条件 `recipient_types` 检查',
  ],
  ['folder of rules files (default: the shipped rules/)', '规则文件所在的目录（默认：随附的 rules/）'],
  [
    'transfer profile (JSON): exporter, recipient, scenario, basis, origin, data',
    '传输画像（JSON）：数据处理者、接收方、场景、依据、来源地、数据',
  ],
  [
    `
Pathways: exempt | contract_or_certification | security_assessment | prohibited (exit 1).

Examples:
  datapass assess profile.json
  datapass assess profile.json --json --date 2026-03-01
  datapass assess --list lingang.icv.after_sales --dataset repairs.csv --profile profile.json
  datapass assess --list lingang.icv.after_sales@1.0.0 --scan scan.json --profile profile.json --lang zh`,
    `
合规路径：exempt | contract_or_certification | security_assessment | prohibited（退出码 1）。

示例：
  datapass assess profile.json
  datapass assess profile.json --json --date 2026-03-01
  datapass assess --list lingang.icv.after_sales --dataset repairs.csv --profile profile.json
  datapass assess --list lingang.icv.after_sales@1.0.0 --scan scan.json --profile profile.json --lang zh`,
  ],
  [
    'export manifests: draft one from a scan, sign it, check it against a dataset and the list',
    '出境清单：根据扫描结果起草、签名，并对照数据集和清单检查',
  ],
  [
    `
Examples:
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv --recipient acme-gmbh --country DE --out m.yaml
  datapass manifest sign m.yaml --key data/keys/acme-trial-1.key
  datapass manifest check m.yaml --dataset orders.csv`,
    `
示例：
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv --recipient acme-gmbh --country DE --out m.yaml
  datapass manifest sign m.yaml --key data/keys/acme-trial-1.key
  datapass manifest check m.yaml --dataset orders.csv`,
  ],
  [
    'draft a manifest from a dataset scan and the field decisions, with a comment per field saying why',
    '根据数据集的扫描结果和字段判定起草出境清单，每个字段附注释说明理由',
  ],
  ['general data list, ID or ID@VERSION', '一般数据清单，ID 或 ID@VERSION'],
  ['the dataset to export (any source `datapass scan` reads)', '要出境的数据集（`datapass scan` 能读取的任何数据源）'],
  ['recipient abroad (repeatable)', '境外接收方（可重复）'],
  ['recipient type (affiliate, headquarters, …)', '接收方类型（affiliate、headquarters 等）'],
  ['destination country, ISO 3166-1 alpha-2 (repeatable)', '目的国，ISO 3166-1 二位字母代码（可重复）'],
  ['the exporting enterprise', '数据出境的企业（数据处理者）'],
  ['issuer id (your key’s issuer for a self-signed trial)', '发布方编号（自签试用时，为你的密钥所属的发布方）'],
  ['manifest id', '出境清单编号'],
  [
    'subject key path (repeatable; default: the VIN or ID column, else the first)',
    '主体标识路径（可重复；默认：VIN 或 ID 列，否则为第一列）',
  ],
  ['write the draft here instead of standard output', '将草稿写到此处，而不是标准输出'],
  [
    `
Example:
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv \\
    --recipient acme-gmbh --country DE --exporter acme-sh --issuer acme --out acme-to-de.yaml`,
    `
示例：
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv \\
    --recipient acme-gmbh --country DE --exporter acme-sh --issuer acme --out acme-to-de.yaml`,
  ],
  [
    'sign a manifest with an Ed25519 key (in place, comments kept)',
    '用 Ed25519 密钥为出境清单签名（原地修改，保留注释）',
  ],
  ['write the signed manifest here instead of in place', '将签名后的出境清单写到此处，而不是原地修改'],
  ['manifest YAML', '出境清单 YAML'],
  [
    `
Example:
  datapass manifest sign acme-to-de.yaml --key data/keys/acme-trial-1.key`,
    `
示例：
  datapass manifest sign acme-to-de.yaml --key data/keys/acme-trial-1.key`,
  ],
  [
    'dry run: what would leave, column by column, and whether the manifest agrees with the list in force',
    '试运行：逐列显示将会出境的内容，以及出境清单是否与现行清单一致',
  ],
  ['the dataset to check', '要检查的数据集'],
  [
    `
Example:
  datapass manifest check acme-to-de.yaml --dataset orders.csv`,
    `
示例：
  datapass manifest check acme-to-de.yaml --dataset orders.csv`,
  ],
  [
    'send a dataset through an approved export manifest: deny by default, fail closed, recorded in the ledger',
    '按已批准的出境清单发送数据集：默认拒绝，出错即不发送，记入账本',
  ],
  ['export manifest (YAML)', '出境清单（YAML）'],
  [
    'input file (.ndjson/.jsonl or .csv/.tsv); default standard input',
    '输入文件（.ndjson/.jsonl 或 .csv/.tsv）；默认为标准输入',
  ],
  [
    'output file, written to a temp name and renamed once recorded; default standard output',
    '输出文件，先以临时文件名写入，记入账本后再改名；默认为标准输出',
  ],
  [
    'output format: ndjson, csv or parquet (default: from --out, else the input format)',
    '输出格式：ndjson、csv 或 parquet（默认：按 --out 判断，否则同输入格式）',
  ],
  [
    'input format: ndjson or csv (default: from the extension, else sniffed)',
    '输入格式：ndjson 或 csv（默认：按扩展名判断，否则自动探测）',
  ],
  [
    'recipient name from the manifest (required when it names several)',
    '出境清单中的接收方名称（清单列有多个接收方时必填）',
  ],
  ['destination country (required when the recipient has several)', '目的国（接收方有多个国家时必填）'],
  [
    'reject side file (default: <out>.rejected.ndjson, or under <data-dir>/rejects/)',
    '被拒记录的旁路文件（默认：<out>.rejected.ndjson，或在 <data-dir>/rejects/ 下）',
  ],
  ['any rejected record stops the batch: nothing is sent', '任何一条记录被拒即中止该批次：不发送任何数据'],
  [
    'with standard output: hold the batch in a domestic spool file until the ledger intent is written',
    '输出到标准输出时：先将批次暂存在境内的暂存文件中，直到账本意向记录写入',
  ],
  [
    'worker threads (0 = main thread only; default for an input file over 64 MiB: one per 256 MiB, at most min(4, cores - 1), the main thread transforming beside them; else 0)',
    '工作线程数（0 = 仅主线程；输入文件超过 64 MiB 时默认每 256 MiB 一个，最多 min(4, 核数 - 1)，主线程同时参与转换；否则为 0）',
  ],
  [
    'refuse a manifest that no trusted key signed, whoever issued it',
    '拒绝未经受信任密钥签名的出境清单，无论发布方是谁',
  ],
  ['also trust these public keys for this run (self-signed trials)', '本次运行另外信任这些公钥（自签试用）'],
  [
    'longest record accepted (default 16 MiB); longer ones are rejected',
    '可接受的最长记录（默认 16 MiB）；更长的记录被拒',
  ],
  ['CSV delimiter (default `,`, tab for .tsv)', 'CSV 分隔符（默认 `,`，.tsv 为制表符）'],
  ['gateway instance id recorded in the ledger', '记入账本的网关实例编号'],
  ['no progress bar even on a terminal', '即使在终端上也不显示进度条'],
  ['print the summary as JSON on standard error', '在标准错误上以 JSON 输出摘要'],
  [
    `
Examples:
  datapass apply --manifest acme-to-de.yaml --in orders.ndjson --out export/orders.ndjson
  cat orders.csv | datapass apply --manifest acme-to-de.yaml --to acme-gmbh --country DE > out.csv
  datapass apply --manifest m.yaml --in orders.csv --out orders.parquet --workers 2 --strict`,
    `
示例：
  datapass apply --manifest acme-to-de.yaml --in orders.ndjson --out export/orders.ndjson
  cat orders.csv | datapass apply --manifest acme-to-de.yaml --to acme-gmbh --country DE > out.csv
  datapass apply --manifest m.yaml --in orders.csv --out orders.parquet --workers 2 --strict`,
  ],
  [
    'the tamper-evident export ledger: one Merkle-tree leaf per exported batch, subjects counted per year',
    '防篡改的出境台账：每个出境批次对应 Merkle 树的一个叶子，按年统计数据主体',
  ],
  [
    `
Examples:
  datapass ledger show --since 2026-01-01
  datapass ledger verify
  datapass ledger prove b-4f1c… --json > proof.json
  datapass ledger verify-proof proof.json --head head.json`,
    `
示例：
  datapass ledger show --since 2026-01-01
  datapass ledger verify
  datapass ledger prove b-4f1c… --json > proof.json
  datapass ledger verify-proof proof.json --head head.json`,
  ],
  ['list recorded batches, oldest first', '列出已记录的批次，最早的在前'],
  [
    'only batches committed at or after this date (YYYY-MM-DD or ISO time)',
    '只列出在该日期或之后提交的批次（YYYY-MM-DD 或 ISO 时间）',
  ],
  [
    `
Examples:
  datapass ledger show
  datapass ledger show --since 2026-03-01 --json`,
    `
示例：
  datapass ledger show
  datapass ledger show --since 2026-03-01 --json`,
  ],
  [
    'recompute every leaf hash, root and signed tree head, and the subject counters; name the first bad entry',
    '重新计算每个叶子哈希、根哈希、签名树头和主体计数，并指出第一个出错的条目',
  ],
  [
    `
Examples:
  datapass ledger verify
  datapass ledger verify --json   # exit 1 when tampered`,
    `
示例：
  datapass ledger verify
  datapass ledger verify --json   # 被篡改时退出码为 1`,
  ],
  ['inclusion proof of a batch against the latest signed tree head', '某批次相对于最新签名树头的包含证明'],
  ['machine-readable output (give this file to the regulator)', '机器可读的输出（将此文件交给监管方）'],
  ['batch id as shown by `ledger show`', '批次编号，即 `ledger show` 显示的编号'],
  [
    `
Example:
  datapass ledger prove b-0b6e3f2a-… --json > proof.json`,
    `
示例：
  datapass ledger prove b-0b6e3f2a-… --json > proof.json`,
  ],
  [
    'consistency proof: the tree of OLD_SIZE leaves is a prefix of the tree of NEW_SIZE leaves',
    '一致性证明：含 OLD_SIZE 个叶子的树是含 NEW_SIZE 个叶子的树的前缀',
  ],
  ['size of the older tree head', '较旧的树头的大小'],
  ['size of the newer tree head', '较新的树头的大小'],
  [
    `
Example:
  datapass ledger consistency 120 4096 --json > consistency.json`,
    `
示例：
  datapass ledger consistency 120 4096 --json > consistency.json`,
  ],
  [
    'distinct data subjects exported per exporter and calendar year (Asia/Shanghai), sensitive and not',
    '按数据处理者和自然年（Asia/Shanghai）统计出境的数据主体数（去重），分敏感与非敏感',
  ],
  ['calendar year, e.g. 2026', '自然年，例如 2026'],
  ['only this exporter', '只统计该数据处理者'],
  [
    `
Examples:
  datapass ledger counts
  datapass ledger counts --year 2026 --exporter acme --json`,
    `
示例：
  datapass ledger counts
  datapass ledger counts --year 2026 --exporter acme --json`,
  ],
  [
    'spot-check: decrypt the stored copy of a batch and compare its SHA-256 with the ledger',
    '抽查：解密某批次的留存副本，将其 SHA-256 与账本记录核对',
  ],
  [
    "the exporter's 32-byte evidence key (raw, hex or base64)",
    '数据处理者的 32 字节证据密钥（原始字节、hex 或 base64）',
  ],
  ['also write the decrypted bytes here', '同时将解密后的内容写到此处'],
  ['batch id', '批次编号'],
  [
    `
Example:
  datapass ledger evidence b-0b6e3f2a-… --key acme-evidence.key --out batch.csv`,
    `
示例：
  datapass ledger evidence b-0b6e3f2a-… --key acme-evidence.key --out batch.csv`,
  ],
  [
    'third-party check of an inclusion or consistency proof file, without the database',
    '由第三方核验包含证明或一致性证明文件，无需数据库',
  ],
  ['a signed tree head you already hold and trust (JSON)', '你已持有并信任的签名树头（JSON）'],
  ['the ledger public key, pinned out of band', '账本公钥，经带外渠道固定'],
  [
    'JSON from `ledger prove --json` or `ledger consistency --json`',
    '`ledger prove --json` 或 `ledger consistency --json` 输出的 JSON',
  ],
  [
    `
Examples:
  datapass ledger verify-proof proof.json --head head.json
  datapass ledger verify-proof consistency.json --head old-head.json`,
    `
示例：
  datapass ledger verify-proof proof.json --head head.json
  datapass ledger verify-proof consistency.json --head old-head.json`,
  ],
  ['demonstration data and walkthroughs', '演示数据和流程演练'],
  [
    'write synthetic datasets with ground-truth labels (`<name>.labels.json`) for scans and evaluation',
    '生成带真实标注（`<name>.labels.json`）的合成数据集，用于扫描和评测',
  ],
  [
    'dataset: repair_orders, clinical_trials, hr, shipping or all',
    '数据集：repair_orders、clinical_trials、hr、shipping 或 all',
  ],
  ['rows per dataset (1 to 10000000)', '每个数据集的行数（1 至 10000000）'],
  ['seed: the same seed writes the same files', '随机种子：相同的种子生成相同的文件'],
  ['csv or ndjson', 'csv 或 ndjson'],
  [
    'column names: mixed, zh, en, snake, pinyin, opaque, heldout',
    '列名风格：mixed、zh、en、snake、pinyin、opaque、heldout',
  ],
  ['output directory', '输出目录'],
  ['list the files written as JSON', '以 JSON 列出生成的文件'],
  [
    `
Datasets: repair_orders (14 columns: VIN, plate, owner, mobile, ID, dealer, fault text, and decoys: 18-digit
order numbers, 17-char part numbers), clinical_trials, hr (pinyin headers such as xm, sfzh, sjhm, yhkh),
shipping (IMO numbers, containers, USCC, coordinates). Decoys are labelled \`decoy: true\`.

Examples:
  datapass demo data
  datapass demo data --kind repair_orders --rows 100000 --format ndjson --out /tmp/ro
  datapass demo data --headers heldout --seed 7 --out heldout`,
    `
数据集：repair_orders（14 列：VIN、车牌、车主、手机号、身份证号、经销商、故障描述，
以及干扰列：18 位订单号、17 位零件号）、clinical_trials、hr（拼音表头，如 xm、sfzh、
sjhm、yhkh）、shipping（IMO 编号、集装箱号、统一社会信用代码、坐标）。
干扰列标注为 \`decoy: true\`。

示例：
  datapass demo data
  datapass demo data --kind repair_orders --rows 100000 --format ndjson --out /tmp/ro
  datapass demo data --headers heldout --seed 7 --out heldout`,
  ],
  [
    'run the main flow on synthetic after-sales repair orders: scan, assess, manifest, apply, ledger',
    '在合成的售后维修工单上运行主流程：扫描、评估、出境清单、网关发送、账本',
  ],
  ['rows of demo data', '演示数据的行数'],
  ['seed of the demo data (a new seed means new data subjects)', '演示数据的随机种子（换一个种子即换一批数据主体）'],
  [
    `
Writes everything under <data-dir>/demo and <data-dir> itself (database, keys, ledger).
Run it twice: the second batch finds its data subjects already counted in the ledger.

Example:
  datapass demo run
  datapass --data-dir /tmp/dp demo run --rows 10000 --seed 2`,
    `
所有内容都写在 <data-dir>/demo 和 <data-dir> 本身之下（数据库、密钥、账本）。
运行两次：第二个批次会发现其数据主体已在账本中计数。

示例：
  datapass demo run
  datapass --data-dir /tmp/dp demo run --rows 10000 --seed 2`,
  ],
];

/** The catalogue as a map (English → Chinese). */
export const HELP_ZH: ReadonlyMap<string, string> = new Map(HELP_ZH_ENTRIES);

/** The headings commander prints, in Chinese. */
const TITLES_ZH: Readonly<Record<string, string>> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
};

/** The words commander puts in its parenthesis after a description, e.g. `(default: "en")`. */
const EXTRAS_ZH: Readonly<Record<string, string>> = {
  choices: '可选值',
  default: '默认',
  preset: '预设',
  env: '环境变量',
};

/** The events `addHelpText` adds its texts to. */
const HELP_TEXT_EVENTS = ['beforeAllHelp', 'beforeHelp', 'afterHelp', 'afterAllHelp'] as const;

/** The Chinese wording of an English help text; a text missing from the catalogue stays English. */
export function helpZh(text: string): string {
  return HELP_ZH.get(text) ?? text;
}

/**
 * A description with commander's extra information after it (` (default: "en")`), both in Chinese.
 * `english` is what commander would show, `description` the bare description it starts with.
 */
function withExtras(english: string, description: string): string {
  const extra = english
    .slice(description.length)
    .replace(
      /^ ?\((.*)\)$/s,
      (_, inner: string) =>
        `（${inner.replace(/\b(choices|default|preset|env): /g, (_m, k: string) => `${EXTRAS_ZH[k]}：`)}）`,
    );
  return description ? helpZh(description) + extra : extra;
}

/** Wide (CJK) characters, which take two terminal columns and may break a line between any two of them. */
const WIDE =
  '\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6';
/**
 * The pieces a line may break between: a run of other characters, or one wide character; each with the
 * whitespace before it, opening brackets kept with what follows and closing punctuation with what precedes.
 */
const CHUNK = new RegExp(`\\s*[（「《]*(?:[${WIDE}]|[^\\s${WIDE}]+)[）」》，。、；：！？]*`, 'g');

/** Commander's help settings for Chinese: translated texts and headings, wrapped for two-column characters. */
const CHINESE_HELP: HelpConfiguration = {
  styleTitle: (str: string) => TITLES_ZH[str] ?? str,
  formatHelp(this: Help, cmd: Command, helper: Help): string {
    // Commander puts a space after the heading `Usage:`; a full-width colon needs none.
    return Help.prototype.formatHelp.call(this, cmd, helper).replace(/^用法： /, '用法：');
  },
  commandDescription(cmd: Command): string {
    return helpZh(cmd.description());
  },
  subcommandDescription(cmd: Command): string {
    return helpZh(cmd.summary() || cmd.description());
  },
  optionDescription(this: Help, option: Option): string {
    return withExtras(Help.prototype.optionDescription.call(this, option), option.description ?? '');
  },
  argumentDescription(this: Help, argument: Argument): string {
    return withExtras(Help.prototype.argumentDescription.call(this, argument), argument.description ?? '');
  },
  displayWidth(this: Help, str: string): number {
    // Commander's width (without colour codes), plus one more column for each wide character.
    return Help.prototype.displayWidth.call(this, str) + displayWidth(str) - str.length;
  },
  boxWrap(this: Help, str: string, width: number): string {
    // Commander's greedy wrapping, with Chinese text breakable between characters (it has no spaces).
    if (width < this.minWidthToWrap) return str;
    return str
      .split(/\r\n|\n/)
      .map((line) => {
        const [first, ...chunks] = line.match(CHUNK) ?? [''];
        const lines: string[] = [];
        let current = first ?? '';
        let used = this.displayWidth(current);
        for (const chunk of chunks) {
          const w = this.displayWidth(chunk);
          if (used + w <= width) {
            current += chunk;
            used += w;
            continue;
          }
          lines.push(current);
          current = chunk.trimStart();
          used = this.displayWidth(current);
        }
        lines.push(current);
        return lines.join('\n');
      })
      .join('\n');
  },
};

/** A text written by an `addHelpText` listener (the text and a newline), in Chinese. */
function helpTextZh(written: string): string {
  const zh = written.endsWith('\n') ? HELP_ZH.get(written.slice(0, -1)) : undefined;
  return zh === undefined ? helpZh(written) : `${zh}\n`;
}

/**
 * Makes the help of `program` and of every command under it Chinese: descriptions and headings through
 * commander's help settings, the `addHelpText` texts through their listeners. Call it on the built tree.
 */
export function useChineseHelp(program: Command): void {
  const visit = (cmd: Command): void => {
    cmd.configureHelp({ ...cmd.configureHelp(), ...CHINESE_HELP });
    for (const event of HELP_TEXT_EVENTS) {
      // A Command is an EventEmitter (commander's typings leave that out).
      const emitter = cmd as unknown as EventEmitter;
      const listeners = emitter.listeners(event) as Array<(context: HelpTextContext) => void>;
      emitter.removeAllListeners(event);
      for (const listener of listeners)
        cmd.on(event, (context: HelpTextContext) =>
          listener({ ...context, write: (str: string) => context.write(helpTextZh(str)) }),
        );
    }
    for (const sub of cmd.commands) visit(sub);
  };
  visit(program);
}

/** What commander passes to the listeners of its help events. */
export interface HelpTextContext extends AddHelpTextContext {
  write: (str: string) => void;
}
