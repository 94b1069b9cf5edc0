import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/Delete';
import { Controller, useFieldArray } from 'react-hook-form';
import { fieldErrorText } from '../../../components/formErrors';
import { ProductOption, ProductRefField } from './ProductRefField';
import { RequestFormControl } from './requestFormValues';

export interface RequestItemsSectionProps {
  /** Prefix of the fields' ids, unique on the page. */
  id: string;
  control: RequestFormControl;
  products: ProductOption[];
  productsLoading: boolean;
  /** Why the catalog could not be searched; products are then typed as entity refs. */
  productsError?: Error;
  disabled?: boolean;
}

/** What a request deploys: rows of product and version, at least one. */
export function RequestItemsSection({
  id,
  control,
  products,
  productsLoading,
  productsError,
  disabled,
}: RequestItemsSectionProps) {
  const { fields, append, remove } = useFieldArray({ control, name: 'items' });
  return (
    <>
      <Typography variant="h6">What to deploy</Typography>
      <Typography variant="body2" color="textSecondary" paragraph>
        One or more products and the version of each; they go through one
        approval flow.
      </Typography>
      {fields.map((row, index) => (
        <Box
          key={row.id}
          display="flex"
          alignItems="flex-start"
          mb={1}
          data-testid="deployment-request-item"
        >
          <Box flex={2} mr={2}>
            <Controller
              control={control}
              name={`items.${index}.product`}
              render={({ field, fieldState }) => (
                <ProductRefField
                  id={`${id}-product-${index}`}
                  label={`Product ${index + 1}`}
                  value={field.value}
                  options={products}
                  loading={productsLoading}
                  disabled={disabled}
                  error={fieldErrorText(fieldState.error, 'product', 'Product')}
                  onChange={field.onChange}
                />
              )}
            />
          </Box>
          <Box flex={1} mr={1}>
            <Controller
              control={control}
              name={`items.${index}.version`}
              render={({ field, fieldState }) => {
                const error = fieldErrorText(
                  fieldState.error,
                  'version',
                  'Version',
                );
                return (
                  <TextField
                    fullWidth
                    required
                    id={`${id}-version-${index}`}
                    label={`Version ${index + 1}`}
                    value={field.value}
                    inputRef={field.ref}
                    onBlur={field.onBlur}
                    disabled={disabled}
                    onChange={event => field.onChange(event.target.value)}
                    error={Boolean(error)}
                    helperText={error}
                  />
                );
              }}
            />
          </Box>
          <Tooltip
            title={
              fields.length === 1
                ? 'A request deploys at least one product'
                : 'Remove'
            }
          >
            <span>
              <IconButton
                aria-label={`Remove item ${index + 1}`}
                disabled={disabled || fields.length === 1}
                onClick={() => remove(index)}
              >
                <DeleteIcon />
              </IconButton>
            </span>
          </Tooltip>
        </Box>
      ))}
      <Button
        size="small"
        startIcon={<AddIcon />}
        disabled={disabled}
        onClick={() =>
          append({ product: '', version: '' }, { shouldFocus: false })
        }
      >
        Add product
      </Button>
      {productsError && (
        <Typography variant="caption" color="textSecondary" component="p">
          The catalog could not be searched ({productsError.message}); type
          entity refs such as component:default/payment-api.
        </Typography>
      )}
    </>
  );
}
