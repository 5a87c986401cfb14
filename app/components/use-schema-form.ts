import { useForm, type DefaultValue, type SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'

type Schema = Parameters<typeof parseWithZod>[1]['schema']

/**
 * A Conform form checked in the browser by the zod schema its action uses: first when a field is left, then as
 * the person types. `Values` are the fields as typed (text); the schema's parsed output matters only to the server.
 */
export function useSchemaForm<Values extends object>(
  schema: Schema,
  options: { id: string; lastResult?: SubmissionResult<string[]> | null; defaultValue?: DefaultValue<Values> },
) {
  return useForm<Values>({
    ...options,
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }) as never,
  })
}
