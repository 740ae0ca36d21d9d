// Types shared by main.bicep and its modules.

@export()
@description('Resource tags: names to string values.')
type tagSet = {
  *: string
}
