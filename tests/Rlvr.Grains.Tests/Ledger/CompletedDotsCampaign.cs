using Rlvr.Grains.Campaigns;
using Rlvr.Grains.Contracts;
using Rlvr.Grains.Tests.Campaigns;
using Rlvr.Training.Campaigns;
using Rlvr.Training.Tasks;

namespace Rlvr.Grains.Tests.Ledger;

/// <summary>A tiny DOTS campaign (reference rollouts at steps 1 and 3) run to completion once for the ledger tests.</summary>
public sealed class CompletedDotsCampaign : IAsyncLifetime
{
    public const string Id = "dots";
    public const int Steps = 3;
    public const int PromptsPerStep = 4;
    public const int GroupSize = 4;
    public const int ReferenceSize = 3;

    private static readonly string Yaml = $"""
        seed: 11
        steps: {Steps}
        model:
          width: 32
          layers: 1
          heads: 2
          context: 32
        tasks:
          builtin:
            - family: addition
              levels: [1, 2]
          eval_size: 4
          eval_fraction: 0.2
          pool_size: 12
        grpo:
          group_size: {GroupSize}
          prompts_per_step: {PromptsPerStep}
          beta: 0.0
          entropy_coef: 0.01
          max_new_tokens: 8
        strategy:
          name: dots
          dots:
            reference_interval: 2
            reference_size: {ReferenceSize}
        warm_start:
          steps: 3
          levels: [addition/1]
          batch_size: 8
        """;

    private CampaignSilo? _silo;

    internal CampaignSilo Silo => _silo ?? throw new InvalidOperationException("the campaign has not run");

    public Campaign Campaign { get; private set; } = null!;

    public CampaignProgress Progress { get; private set; } = null!;

    public IReadOnlyList<TaskPrompt> TrainingPrompts => Campaign.Catalog.TrainingPrompts;

    public async Task InitializeAsync()
    {
        _silo = await CampaignSilo.StartAsync();
        var spec = new CampaignSpec(Yaml);
        Campaign = spec.Load();
        var grain = _silo.Grains.GetGrain<ICampaignGrain>(Id);
        await grain.Create(spec);
        await grain.Start();
        Progress = await CampaignSilo.WaitUntilDone(grain);
    }

    public async Task DisposeAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }
    }

    public Task<RolloutStepRecord> Ledger(long step) =>
        Silo.Grains.GetGrain<IRolloutLedgerGrain>(CampaignGrainKeys.RolloutLedger(Id, step)).GetRecord();

    public Task<PromptStatistics> Statistics(string promptId) =>
        Silo.Grains.GetGrain<IPromptGrain>(CampaignGrainKeys.Prompt(Id, promptId)).GetStatistics();
}
