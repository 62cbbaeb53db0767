{#-
    on-run-end: every node's outcome (models, seeds, tests, source freshness) into dbt_state.node_results, so the
    quality report can say which test failed, on how many rows, and show examples from the failing rows that
    store_failures kept (failures_relation). Messages are dbt's, quoted here as SQL literals.
-#}
{% macro record_results(results) %}
    {%- if not execute or not results -%}
        select 1
    {%- else -%}
        {%- do run_query("create schema if not exists dbt_state") -%}
        {%- do run_query(
            "create table if not exists dbt_state.node_results ("
            ~ "invocation_id varchar, unique_id varchar, resource_type varchar, node_name varchar, status varchar,"
            ~ " failures bigint, message varchar, execution_seconds double, failures_relation varchar,"
            ~ " recorded_at timestamptz)"
        ) -%}
        insert into dbt_state.node_results values
        {%- for result in results %}
            (
                '{{ invocation_id }}',
                '{{ result.node.unique_id }}',
                '{{ result.node.resource_type }}',
                '{{ result.node.name }}',
                '{{ result.status }}',
                {{ result.failures if result.failures is number else 'null' }},
                {{ "'" ~ (result.message | string | replace("'", "''"))[:2000] ~ "'" if result.message else 'null' }},
                {{ result.execution_time or 0 }},
                {{ "'" ~ (result.node.relation_name | replace("'", "''")) ~ "'" if result.node.resource_type == 'test' and result.node.relation_name else 'null' }},
                now()
            ){{ "," if not loop.last }}
        {%- endfor %}
    {%- endif -%}
{% endmacro %}
