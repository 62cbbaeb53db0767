with source as (
    select * from {{ source('news', 'validation_results') }}
),

renamed as (
    select
        run_id,
        expectation,
        column_name,
        success as is_success,
        unexpected_count,
        examples as unexpected_examples,
        loaded_at
    from source
),

final as (
    select
        md5(run_id || ':' || expectation) as validation_result_id,
        *
    from renamed
)

select * from final
