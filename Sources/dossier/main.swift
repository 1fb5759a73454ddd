import ColdCases
import DossierCLI
import Extradition

// The dossier executable: the command tree with the built-in modules registered.
await DossierCommand.main(modules: [ColdCases(), Extradition()])
