{#-
  Incremental facts keyed by article.

  Each build of an incremental mart records, in dbt_state.incremental_watermarks, the newest load it has
  seen (raw.runs.finished_at through int_article_loads) and the checksum of the model's code. The next
  build takes the articles loaded after that watermark: new ones, and every article of a night that was
  rerun or backfilled since (a rerun stamps its articles anew), whether they were reloaded, turned into a
  duplicate or quarantined. The marts themselves hold no load time, so a rerun over the same input leaves
  every row as it was.

  There is no watermark, and the whole table is rebuilt through the same merge, when the model was never
  recorded (a first build, or a table built by an older version of the project) or when its code changed
  since it was recorded (on_schema_change='sync_all_columns' adds the new columns, the merge fills them).
-#}

{% macro create_incremental_state() -%}
    create schema if not exists dbt_state;
    create table if not exists dbt_state.incremental_watermarks (
        model varchar primary key,
        model_checksum varchar,
        loaded_through timestamptz,
        built_at timestamptz
    );
{%- endmacro %}

{#- The watermark of `relation` as a SQL timestamp literal, or none when every article is to be rebuilt. -#}
{% macro incremental_watermark(relation) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set state = adapter.get_relation(database=relation.database, schema='dbt_state',
                                         identifier='incremental_watermarks') -%}
    {%- if state is none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set found = run_query(
        "select cast(loaded_through as varchar) from " ~ state ~ " where model = '" ~ relation.identifier
        ~ "' and model_checksum = '" ~ model.checksum.checksum ~ "' and loaded_through is not null"
    ) -%}
    {%- if found.rows | length == 0 -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return("cast('" ~ found.rows[0][0] ~ "' as timestamptz)") }}
{%- endmacro %}

{#- Ids of the articles loaded, reprocessed or removed after `watermark` (every article when it is none). -#}
{% macro changed_article_ids(watermark) -%}
    select article_loads.article_id
    from {{ ref('int_article_loads') }} as article_loads
    {%- if watermark is not none %}
        where article_loads.load_finished_at > {{ watermark }}
    {%- endif %}
{%- endmacro %}

{#- post_hook of every incremental mart: remember what this build has seen, and with which code. -#}
{% macro record_incremental_watermark() -%}
    {{ create_incremental_state() }}
    insert or replace into dbt_state.incremental_watermarks
    select
        '{{ this.identifier }}' as model,
        '{{ model.checksum.checksum }}' as model_checksum,
        max(load_finished_at) as loaded_through,
        now() as built_at
    from {{ ref('int_article_loads') }}
{%- endmacro %}

{#-
  incremental_strategy='replace_articles': merge the new rows on the model's stable unique_key, and delete
  the rows of changed articles that the new rows no longer hold (a quote the reprocessed article lost, every
  fact of an article that became a duplicate). The watermark is read again here, before the post_hook moves
  it, so the delete covers exactly the articles the model's select rebuilt.
-#}
{% macro get_incremental_replace_articles_sql(arg_dict) -%}
    {%- set target = arg_dict['target_relation'] -%}
    {%- set source = arg_dict['temp_relation'] -%}
    {%- set unique_key = arg_dict['unique_key'] -%}
    {%- set columns = arg_dict['dest_columns'] | map(attribute='quoted') | list -%}
    {%- if not unique_key or unique_key is not string -%}
        {{ exceptions.raise_compiler_error('replace_articles needs one unique_key column') }}
    {%- endif -%}

    delete from {{ target }}
    where article_id in ({{ changed_article_ids(incremental_watermark(target)) }})
        and {{ unique_key }} not in (select new_rows.{{ unique_key }} from {{ source }} as new_rows);

    merge into {{ target }} as dest
    using {{ source }} as src
        on dest.{{ unique_key }} = src.{{ unique_key }}
    when matched then update set
        {%- for column in columns %}
        {{ column }} = src.{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    when not matched then insert ({{ columns | join(', ') }})
        values ({% for column in columns %}src.{{ column }}{{ ', ' if not loop.last }}{% endfor %});
{%- endmacro %}
