using Orleans.Placement;

namespace Rlvr.Grains.Hosting;

[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class CampaignPlacementAttribute() : PlacementAttribute(new CampaignPlacement());
