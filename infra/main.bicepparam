// Example parameters: copy, adjust, then
//   az deployment group create -g <group> -f infra/main.bicep -p infra/main.bicepparam
using './main.bicep'

param namePrefix = 'extscan'
param scanSchedule = '0 */15 * * * *'
param allowList = [
  'docker.io/portainer/portainer-docker-extension'
  'docker.io/docker/disk-usage-extension'
]
param preferredPlatform = 'linux/amd64'
param maximumInstanceCount = 40
param instanceMemoryMB = 2048
