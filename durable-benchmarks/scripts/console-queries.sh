#!/usr/bin/env bash
# Times the SQL behind the console's reads (GET /actuator/workflows and ?view=overview) on
# PostgreSQL with 100,000 workflows. The statements are those Hibernate issues for them (log
# org.hibernate.SQL at DEBUG to see them), with the parameters written in. A measurement, not a
# test: it prints the median of 7 runs of each, after one to warm the cache.
#
#   durable-benchmarks/scripts/console-queries.sh            # psql's defaults (PGHOST, PGUSER, ...)
#   ROWS=1000000 durable-benchmarks/scripts/console-queries.sh
#
# It works in a schema of its own, durable_console_bench, and drops it at the end (KEEP=1 keeps it).
set -euo pipefail

ROWS=${ROWS:-100000}
SCHEMA=durable_console_bench
HERE=$(cd "$(dirname "$0")" && pwd)
SCHEMA_SQL="$HERE/../../durable-autoconfigure/src/main/resources/dev/durable/store/schema-postgresql.sql"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

run() { "${PSQL[@]}" -c "SET search_path TO $SCHEMA" -c "$1" > /dev/null; }

"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE" -c "CREATE SCHEMA $SCHEMA"
"${PSQL[@]}" -c "SET search_path TO $SCHEMA" -f "$SCHEMA_SQL" > /dev/null
[ -n "${KEEP:-}" ] || trap '"${PSQL[@]}" -c "DROP SCHEMA IF EXISTS $SCHEMA CASCADE"' EXIT

# 100,000 workflows over 30 days, 2% of them in the last hour; 90% completed, the rest spread
# over the other statuses; eight types; every tenth one a child (an id with '/').
run "
INSERT INTO durable_workflow (id, type, status, input, owner, parent_id, due_at, created_at, updated_at)
SELECT CASE WHEN n % 10 = 0 THEN 'order-' || (n - 1) || '/1' ELSE 'order-' || n END,
       'Type' || (n % 8) || '.run',
       CASE WHEN n % 100 < 90 THEN 'COMPLETED' WHEN n % 100 < 94 THEN 'FAILED' WHEN n % 100 < 97 THEN 'WAITING'
            WHEN n % 100 = 97 THEN 'RUNNING' WHEN n % 100 = 98 THEN 'PENDING' ELSE 'CANCELLED' END,
       '[]',
       CASE WHEN n % 100 = 97 THEN 'node-' || (n % 3) END,
       CASE WHEN n % 10 = 0 THEN 'order-' || (n - 1) END,
       CASE WHEN n % 100 = 97 THEN now() + interval '30 seconds'
            WHEN n % 100 BETWEEN 94 AND 98 THEN now() + interval '1 hour' END,
       created, created + interval '2 seconds'
FROM (SELECT n, CASE WHEN n % 50 = 0 THEN now() - (n % 3600) * interval '1 second'
                     ELSE now() - interval '1 hour' - (n % 2592000) * interval '1 second' END AS created
      FROM generate_series(1, $ROWS) AS n) AS rows;
ANALYZE durable_workflow;"

COLUMNS="we1_0.id,we1_0.cancel_requested,we1_0.created_at,we1_0.due_at,we1_0.error,we1_0.error_type,we1_0.input,we1_0.last_run_error,we1_0.owner,we1_0.parent_id,we1_0.result,we1_0.run_attempts,we1_0.run_token,we1_0.status,we1_0.type,we1_0.updated_at,we1_0.waiting_for"
LIST="select $COLUMNS from durable_workflow we1_0 where 1=1"
ORDER="order by we1_0.created_at desc,we1_0.id desc fetch first 50 rows only"
CURSOR=$("${PSQL[@]}" -At -c "SET search_path TO $SCHEMA" -c "select created_at || '|' || id from durable_workflow order by created_at desc, id desc offset 50000 limit 1")
CURSOR_AT=${CURSOR%%|*}
CURSOR_ID=${CURSOR#*|}
ENDED="('COMPLETED','FAILED','CANCELLED')"

throughput() {
	# The bound parameters as literals: one instant per minute boundary of the last hour.
	local start select="select " i minutes=()
	start=$(date -u -d "$(date -u +%Y-%m-%dT%H:%M:00Z) - 59 minutes" +%s)
	for i in $(seq 0 60); do minutes+=("$(date -u -d "@$((start + 60 * i))" +%Y-%m-%dT%H:%M:%SZ)"); done
	for i in $(seq 0 60); do
		select+="sum(case when we1_0.created_at>=timestamptz '${minutes[$i]}' then 1 else 0 end),"
	done
	for i in $(seq 0 60); do
		select+="sum(case when we1_0.status in $ENDED and we1_0.updated_at>=timestamptz '${minutes[$i]}' then 1 else 0 end)"
		[ "$i" -lt 60 ] && select+=","
	done
	echo "$select from durable_workflow we1_0 where we1_0.created_at>=timestamptz '${minutes[0]}' or (we1_0.status in $ENDED and we1_0.updated_at>=timestamptz '${minutes[0]}')"
}

declare -A QUERIES=(
	["list: first page"]="$LIST $ORDER"
	["list: page 1,001 (keyset cursor)"]="$LIST and we1_0.created_at<=timestamptz '$CURSOR_AT' and (we1_0.created_at<timestamptz '$CURSOR_AT' or we1_0.id<'$CURSOR_ID') $ORDER"
	["list: status=FAILED"]="$LIST and we1_0.status='FAILED' $ORDER"
	["list: type"]="$LIST and we1_0.type='Type3.run' $ORDER"
	["list: idPrefix, 11 matches"]="$LIST and we1_0.id like 'order-4242%' escape '!' $ORDER"
	["list: idPrefix, no match"]="$LIST and we1_0.id like 'nothing-%' escape '!' $ORDER"
	["list: last 24 hours, FAILED"]="$LIST and we1_0.status='FAILED' and we1_0.created_at>=now() - interval '1 day' $ORDER"
	["overview: counts by type and status"]="select we1_0.type,we1_0.status,count(we1_0.id) from durable_workflow we1_0 group by we1_0.type,we1_0.status order by we1_0.type,we1_0.status"
	["overview: started and ended per minute"]="$(throughput)"
	["overview: overdue count"]="select count(we1_0.id) from durable_workflow we1_0 where we1_0.due_at<now() - interval '5 minutes' and we1_0.status not in $ENDED"
	["overview: overdue list"]="select $COLUMNS from durable_workflow we1_0 where we1_0.due_at<now() - interval '5 minutes' and we1_0.status not in $ENDED order by we1_0.due_at fetch first 20 rows only"
	["overview: nodes"]="select we1_0.owner,count(we1_0.id),min(we1_0.due_at),max(we1_0.due_at) from durable_workflow we1_0 where we1_0.status='RUNNING' and we1_0.owner is not null group by we1_0.owner order by we1_0.owner"
)

printf '%s workflows, PostgreSQL %s\n\n| read | median ms | plan |\n|---|---:|---|\n' "$ROWS" \
	"$("${PSQL[@]}" -At -c 'show server_version')"
for name in "list: first page" "list: page 1,001 (keyset cursor)" "list: status=FAILED" "list: type" \
		"list: idPrefix, 11 matches" "list: idPrefix, no match" "list: last 24 hours, FAILED" \
		"overview: counts by type and status" "overview: started and ended per minute" "overview: overdue count" \
		"overview: overdue list" "overview: nodes"; do
	sql=${QUERIES[$name]}
	args=(-c "SET search_path TO $SCHEMA" -c '\timing on')
	for i in 1 2 3 4 5 6 7 8; do args+=(-c "$sql"); done
	times=$(psql -X -v ON_ERROR_STOP=1 "${args[@]}" 2>&1 | grep -o 'Time: [0-9.]*' | awk '{print $2}' | tail -n 7 | sort -n)
	median=$(echo "$times" | sed -n 4p)
	plan=$("${PSQL[@]}" -At -c "SET search_path TO $SCHEMA" -c "explain $sql" | grep -o -E '(Index Only Scan|Index Scan Backward|Index Scan|Bitmap Index Scan|Seq Scan|Incremental Sort|Sort)( using [a-z_]+)?' | awk '!seen[$0]++' | paste -sd ';' -)
	printf '| %s | %s | %s |\n' "$name" "$median" "$plan"
done
